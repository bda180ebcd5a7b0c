using Orleans;

namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>
/// The learned sentiment models (one grain, key <see cref="DefaultKey"/>): learn from the labelled posts of topic
/// <c>posts</c>, read from the log (rebuilt from it after a restart), and score any text.
/// </summary>
public interface ISentimentModelGrain : IGrainWithStringKey
{
    /// <summary>The key of the one model grain.</summary>
    const string DefaultKey = "global";

    /// <summary>Lexicon, learned and combined scores of <paramref name="text"/> (after learning what the log holds now).</summary>
    Task<SentimentResult> ScoreAsync(string text);

    /// <summary>
    /// FTRL's prequential accuracy and macro-F1, which learned model serves, and the kept versions with their holdout
    /// scores (after learning what the log holds now).
    /// </summary>
    Task<SentimentModelMetrics> GetMetricsAsync();

    /// <summary>
    /// Does now what the schedule does: retrains the ML.NET classifier and scores it, FTRL and VADER on the newest
    /// labelled posts held out, then serves the better learned model; returns the version (null with too few labelled posts).
    /// </summary>
    Task<SentimentModelVersion?> TrainAsync();
}
