using Orleans;

namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>One topic ("#tag" or a configured keyword): volume, bursts, forecast and sentiment of its posts.</summary>
public interface ITopicTrendGrain : IGrainWithStringKey
{
    /// <summary>
    /// The topic over the <paramref name="window"/> (1 minute to 3 hours) ending at <paramref name="asOf"/>: an event time,
    /// by default the newest post of the topic (so a log of old posts answers as it did live).
    /// </summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<TopicSummary> GetSummaryAsync(TimeSpan window, DateTimeOffset? asOf = null);

    /// <summary>Timeline of the <paramref name="minutes"/> minutes up to the newest post (event time), sentiment, co-occurring terms and forecast.</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<TopicDetails> GetDetailsAsync(int minutes);
}
