namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Settings of <see cref="BurstDetector"/>. The defaults were chosen with the planted-burst evaluation of the tests
/// (Tests/Grains/Trends/Detection/PlantedBurstDetectionTests: 1-minute windows, 12-hour streams with 40 bursts of
/// 10-60 extra posts/min, seeds 7, 11 and 13). With them every planted burst was found (TPR 100%) at FPR 0.16-0.22%,
/// and a detected burst stays on for about 85% of its planted length ("coverage"; the rest is mostly its ramp-up).
/// Alternatives measured on the same streams: BaselineAlpha 0.1 or 0.2 missed 1-2 bursts on some seed and held bursts
/// for only 40-60% of their length; StartWindows 1 cut the median delay by one window (about 60 s) but raised
/// spurious starts 15-fold; ZStart 3.5 or MinCount 8 missed weak bursts; BurstAdaptation 0 (baseline frozen) kept
/// cold-start "bursts" of new steady topics running (FPR 2-3.3%), BurstAdaptation 1 absorbed bursts (TPR 80-88%).
/// </summary>
public sealed record BurstDetectorOptions
{
    /// <summary>Weight of the newest window in the EWMA baseline (default 0.05: an effective memory of about 20 windows).</summary>
    public double BaselineAlpha { get; init; } = 0.05;

    /// <summary>z-score at or above which a window counts towards a start (default 3).</summary>
    public double ZStart { get; init; } = 3.0;

    /// <summary>Consecutive windows with z >= <see cref="ZStart"/> needed to start a burst (default 2).</summary>
    public int StartWindows { get; init; } = 2;

    /// <summary>z-score at or below which a running burst stops (default 1; must be below <see cref="ZStart"/>).</summary>
    public double ZStop { get; init; } = 1.0;

    /// <summary>Minimum events in a window for it to count towards a start, so tiny topics can't "burst" on 2 posts (default 5).</summary>
    public double MinCount { get; init; } = 5;

    /// <summary>
    /// Floor of the variance used in z. The variance is also floored at the mean (a Poisson count's variance), so a
    /// quiet baseline doesn't turn noise into huge z-scores (default 1).
    /// </summary>
    public double MinVariance { get; init; } = 1.0;

    /// <summary>
    /// Factor applied to <see cref="BaselineAlpha"/> for windows with z >= ZStart and count >= MinCount, so a burst
    /// doesn't teach the baseline that it is normal while it lasts; windows only moderately above the baseline are
    /// learned at the full rate, so a sustained new level becomes normal (default 0.1).
    /// </summary>
    public double BurstAdaptation { get; init; } = 0.1;

    /// <summary>Throws if any setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (!(BaselineAlpha > 0 && BaselineAlpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BaselineAlpha), BaselineAlpha, "BaselineAlpha must be in (0, 1].");
        }

        if (!double.IsFinite(ZStart) || !double.IsFinite(ZStop) || !(ZStop < ZStart))
        {
            throw new ArgumentOutOfRangeException(nameof(ZStop), ZStop, $"ZStop must be finite and below ZStart ({ZStart}).");
        }

        if (StartWindows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(StartWindows), StartWindows, "StartWindows must be at least 1.");
        }

        if (!(MinCount >= 0) || double.IsInfinity(MinCount))
        {
            throw new ArgumentOutOfRangeException(nameof(MinCount), MinCount, "MinCount must be a non-negative finite number.");
        }

        if (!(MinVariance > 0) || double.IsInfinity(MinVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(MinVariance), MinVariance, "MinVariance must be a positive finite number.");
        }

        if (!(BurstAdaptation >= 0 && BurstAdaptation <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BurstAdaptation), BurstAdaptation, "BurstAdaptation must be in [0, 1].");
        }
    }
}
