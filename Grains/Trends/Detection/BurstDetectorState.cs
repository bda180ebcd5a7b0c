namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="BurstDetector"/>.</summary>
/// <param name="Options">Settings.</param>
/// <param name="BaselineCount">Windows in the baseline.</param>
/// <param name="BaselineMean">Baseline mean.</param>
/// <param name="BaselineVariance">Baseline variance.</param>
/// <param name="WindowsAbove">Consecutive windows at or above ZStart so far.</param>
/// <param name="IsBursting">Whether a burst is running.</param>
/// <param name="BurstStartedAt">When the running burst was detected.</param>
/// <param name="LastZScore">z-score of the last window.</param>
public sealed record BurstDetectorState(
    BurstDetectorOptions Options,
    long BaselineCount,
    double BaselineMean,
    double BaselineVariance,
    int WindowsAbove,
    bool IsBursting,
    DateTimeOffset? BurstStartedAt,
    double LastZScore);
