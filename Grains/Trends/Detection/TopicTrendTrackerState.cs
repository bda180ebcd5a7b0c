namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="TopicTrendTracker"/> (what a TopicTrendGrain stores with its offsets).</summary>
/// <param name="Options">Settings.</param>
/// <param name="Buckets">Time-bucket counts.</param>
/// <param name="Rate">Decayed rate.</param>
/// <param name="Detector">Burst detector.</param>
/// <param name="Forecaster">Next-window forecaster.</param>
/// <param name="OpenWindowId">Number of the window still open (UTC ticks / window), or -1.</param>
/// <param name="OpenWindowCount">Events in the open window.</param>
/// <param name="LateEvents">Events that arrived after their window had closed.</param>
public sealed record TopicTrendTrackerState(
    TopicTrendTrackerOptions Options,
    TimeBucketCounterState Buckets,
    DecayedRateState Rate,
    BurstDetectorState Detector,
    HoltForecasterState Forecaster,
    long OpenWindowId,
    long OpenWindowCount,
    long LateEvents);
