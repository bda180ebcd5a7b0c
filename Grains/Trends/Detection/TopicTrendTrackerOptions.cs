namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Settings of <see cref="TopicTrendTracker"/>.</summary>
public sealed record TopicTrendTrackerOptions
{
    /// <summary>Detection window: burst z-scores and forecasts are per window of this width (default 1 minute; whole seconds).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Half-life of the decayed rate (default 10 minutes).</summary>
    public TimeSpan RateHalfLife { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Burst detector settings.</summary>
    public BurstDetectorOptions Burst { get; init; } = new();

    /// <summary>Holt level smoothing for the next-window volume forecast (default 0.5).</summary>
    public double ForecastAlpha { get; init; } = 0.5;

    /// <summary>Holt trend smoothing for the next-window volume forecast (default 0.3).</summary>
    public double ForecastBeta { get; init; } = 0.3;

    /// <summary>
    /// Most empty windows replayed into the baseline after a silence (default 1440, a day of 1-minute windows); after
    /// that long the baseline has converged to zero anyway, so the rest are skipped to bound the work.
    /// </summary>
    public int MaxGapWindows { get; init; } = 1440;

    /// <summary>Throws if any setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (Window < TimeSpan.FromSeconds(1) || Window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "Window must be a whole number of seconds, at least 1 s.");
        }

        if (RateHalfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RateHalfLife), RateHalfLife, "RateHalfLife must be positive.");
        }

        ArgumentNullException.ThrowIfNull(Burst, nameof(Burst));
        Burst.Validate();
        if (MaxGapWindows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGapWindows), MaxGapWindows, "MaxGapWindows must be at least 1.");
        }

        // HoltForecaster validates alpha and beta.
        _ = new HoltForecaster(ForecastAlpha, ForecastBeta);
    }
}
