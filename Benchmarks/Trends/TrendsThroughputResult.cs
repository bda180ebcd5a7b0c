namespace StreamOrleans.Benchmarks.Trends;

/// <summary>Per-post costs measured by <see cref="TrendsThroughputBenchmark"/> (nanoseconds per post, one thread).</summary>
public sealed record TrendsThroughputResult(
    int Posts,
    double HashtagsPerPost,
    PerPostCost WhitespaceTokenizeNsPerPost,
    PerPostCost ClassifierLearnNsPerPost,
    PerPostCost ClassifierPredictNsPerPost,
    PerPostCost TrendUpdateNsPerPost,
    double PrequentialAccuracy,
    double PrequentialMacroF1,
    double BurstTruePositiveRate,
    double BurstFalsePositiveRate,
    double BurstDelayP50Seconds);
