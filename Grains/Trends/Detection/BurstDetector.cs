namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Burst detection on per-window event counts: the z-score of each closed window against an EWMA mean/variance
/// baseline of the previous windows, with hysteresis. A burst starts when z >= ZStart (and count >= MinCount) for
/// StartWindows consecutive windows, and stops at the first window with z <= ZStop.
/// </summary>
/// <remarks>
/// Method: an EWMA control chart (Roberts, "Control chart tests based on geometric moving averages", 1959) on
/// window counts, with mean and variance both exponentially weighted (<see cref="EwmaMeanVariance"/>).
/// The standard deviation is floored at sqrt(max(variance, mean, MinVariance)) since window counts are roughly Poisson.
/// </remarks>
public sealed class BurstDetector
{
    private readonly EwmaMeanVariance _baseline;

    /// <summary>Creates a detector with an empty baseline (a topic nobody posted about has a baseline of zero).</summary>
    public BurstDetector(BurstDetectorOptions? options = null)
    {
        Options = options ?? new BurstDetectorOptions();
        Options.Validate();
        _baseline = new EwmaMeanVariance(Options.BaselineAlpha);
        _baseline.Update(0);
    }

    /// <summary>Settings.</summary>
    public BurstDetectorOptions Options { get; }

    /// <summary>Whether a burst is running.</summary>
    public bool IsBursting { get; private set; }

    /// <summary>When the running burst was detected, or null.</summary>
    public DateTimeOffset? BurstStartedAt { get; private set; }

    /// <summary>z-score of the last closed window.</summary>
    public double LastZScore { get; private set; }

    /// <summary>Baseline mean events per window.</summary>
    public double BaselineMean => _baseline.Mean;

    /// <summary>Baseline variance of events per window.</summary>
    public double BaselineVariance => _baseline.Variance;

    /// <summary>Consecutive windows at or above ZStart so far (while not bursting).</summary>
    public int WindowsAbove { get; private set; }

    /// <summary>z-score <paramref name="count"/> would have against the current baseline.</summary>
    public double ZScore(double count)
    {
        var variance = Math.Max(_baseline.Variance, Math.Max(_baseline.Mean, Options.MinVariance));
        return (count - _baseline.Mean) / Math.Sqrt(variance);
    }

    /// <summary>
    /// Closes a window: scores its count against the baseline, updates state and the baseline, and returns the start or
    /// stop event this window decided, if any.
    /// </summary>
    /// <param name="windowEnd">End of the closed window (the event time of a decision).</param>
    /// <param name="count">Events in the window (non-negative).</param>
    public BurstEvent? CloseWindow(DateTimeOffset windowEnd, double count)
    {
        if (!(count >= 0) || double.IsInfinity(count))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be a non-negative finite number.");
        }

        var z = ZScore(count);
        var mean = _baseline.Mean;
        LastZScore = z;
        BurstEvent? decided = null;
        var above = z >= Options.ZStart && count >= Options.MinCount;
        if (IsBursting)
        {
            if (z <= Options.ZStop)
            {
                IsBursting = false;
                BurstStartedAt = null;
                decided = new BurstEvent(BurstEventKind.Stop, windowEnd, z, count, mean);
            }
        }
        else if (above)
        {
            if (++WindowsAbove >= Options.StartWindows)
            {
                IsBursting = true;
                BurstStartedAt = windowEnd;
                WindowsAbove = 0;
                decided = new BurstEvent(BurstEventKind.Start, windowEnd, z, count, mean);
            }
        }
        else
        {
            WindowsAbove = 0;
        }

        // Windows far above normal teach the baseline slowly, so a burst isn't absorbed while it lasts; windows only
        // moderately above it (a new, lower plateau) are learned at the normal rate, so a new level becomes normal.
        _baseline.Update(count, above ? Options.BaselineAlpha * Options.BurstAdaptation : Options.BaselineAlpha);
        return decided;
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public BurstDetectorState ExportState() => new(
        Options, _baseline.Count, _baseline.Mean, _baseline.Variance, WindowsAbove, IsBursting, BurstStartedAt, LastZScore);

    /// <summary>Rebuilds a detector from <see cref="ExportState"/>'s output.</summary>
    public static BurstDetector FromState(BurstDetectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var detector = new BurstDetector(state.Options)
        {
            WindowsAbove = state.WindowsAbove,
            IsBursting = state.IsBursting,
            BurstStartedAt = state.BurstStartedAt,
            LastZScore = state.LastZScore,
        };
        detector._baseline.Restore(state.BaselineCount, state.BaselineMean, state.BaselineVariance);
        return detector;
    }
}
