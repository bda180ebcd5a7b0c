namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Settings of <see cref="BurstDetector"/>. The defaults were chosen with the planted-burst evaluation in the tests
/// (Tests/Grains/Trends/Detection/PlantedBurstDetectionTests, 1-minute windows, 12 h streams, 40 bursts): there they
/// detect every planted burst at FPR about 0.2% on two seeds. Requiring 2 windows instead of 1 costs one window of
/// delay but cuts spurious starts about 15-fold; freezing the baseline during bursts (BurstAdaptation 0) left
/// bursts running forever on topics whose baseline was still warming up (FPR about 6%); MinCount 8 missed weak bursts.
/// </summary>
public sealed record BurstDetectorOptions
{
    /// <summary>Weight of the newest window in the EWMA baseline (default 0.1: an effective memory of about 10 windows).</summary>
    public double BaselineAlpha { get; init; } = 0.1;

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
    /// Factor applied to <see cref="BaselineAlpha"/> for windows that count towards a start or lie inside a burst,
    /// so a burst doesn't teach the baseline that it is normal; a sustained new level is still absorbed, slowly (default 0.1).
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
