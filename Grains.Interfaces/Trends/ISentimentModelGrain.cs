using Orleans;

namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>
/// The learned sentiment model (one grain, key <see cref="DefaultKey"/>): learns from the labelled posts of topic
/// <c>posts</c>, read from the log (rebuilt from it after a restart), and scores any text.
/// </summary>
public interface ISentimentModelGrain : IGrainWithStringKey
{
    /// <summary>The key of the one model grain.</summary>
    const string DefaultKey = "global";

    /// <summary>Lexicon, learned and combined scores of <paramref name="text"/> (after learning what the log holds now).</summary>
    Task<SentimentResult> ScoreAsync(string text);

    /// <summary>Prequential accuracy and macro-F1 (after learning what the log holds now).</summary>
    Task<SentimentModelMetrics> GetMetricsAsync();
}
