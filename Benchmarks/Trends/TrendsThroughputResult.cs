namespace StreamOrleans.Benchmarks.Trends;

/// <summary>Per-post costs measured by <see cref="TrendsThroughputBenchmark"/> (nanoseconds per post, one thread).</summary>
public sealed record TrendsThroughputResult(
    int Posts,
    double HashtagsPerPost,
    Cost WhitespaceTokenizeNsPerPost,
    Cost ClassifierLearnNsPerPost,
    Cost ClassifierPredictNsPerPost,
    Cost TrendUpdateNsPerPost,
    double PrequentialAccuracy,
    double PrequentialMacroF1);
