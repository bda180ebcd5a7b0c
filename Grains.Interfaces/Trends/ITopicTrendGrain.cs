using Orleans;

namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>One topic ("#tag" or a configured keyword): volume, bursts, forecast and sentiment of its posts.</summary>
public interface ITopicTrendGrain : IGrainWithStringKey
{
    /// <summary>The topic over the last <paramref name="window"/> (1 minute to 3 hours).</summary>
    Task<TopicSummary> GetSummaryAsync(TimeSpan window);

    /// <summary>Timeline of the last <paramref name="minutes"/> minutes, sentiment, co-occurring terms and forecast.</summary>
    Task<TopicDetails> GetDetailsAsync(int minutes);
}
