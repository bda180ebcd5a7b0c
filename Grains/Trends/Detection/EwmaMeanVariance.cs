namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Exponentially weighted moving mean and variance of a series.
/// </summary>
/// <remarks>
/// Method: the incremental EWMA variance of Finch, "Incremental calculation of weighted mean and variance" (2009),
/// section 9: d = x - mean; mean += a d; var = (1 - a)(var + a d^2). The first value initialises the mean.
/// </remarks>
public sealed class EwmaMeanVariance
{
    /// <summary>Creates an empty estimator with smoothing weight <paramref name="alpha"/> in (0, 1].</summary>
    public EwmaMeanVariance(double alpha)
    {
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1].");
        }

        Alpha = alpha;
    }

    /// <summary>Weight of the newest value.</summary>
    public double Alpha { get; }

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>Current mean (0 before any value).</summary>
    public double Mean { get; private set; }

    /// <summary>Current variance (0 before two values).</summary>
    public double Variance { get; private set; }

    /// <summary>Adds <paramref name="value"/> with the estimator's own weight.</summary>
    public void Update(double value) => Update(value, Alpha);

    /// <summary>Adds <paramref name="value"/> with weight <paramref name="alpha"/> in [0, 1] (0 leaves the estimate unchanged).</summary>
    public void Update(double value, double alpha)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Value must be finite.");
        }

        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in [0, 1].");
        }

        if (Count++ == 0)
        {
            Mean = value;
            Variance = 0;
            return;
        }

        var d = value - Mean;
        Mean += alpha * d;
        Variance = (1 - alpha) * (Variance + (alpha * d * d));
    }

    /// <summary>Restores a previously exported estimate.</summary>
    public void Restore(long count, double mean, double variance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!double.IsFinite(mean) || !(variance >= 0) || double.IsInfinity(variance))
        {
            throw new ArgumentOutOfRangeException(nameof(variance), "Mean must be finite and variance non-negative and finite.");
        }

        Count = count;
        Mean = mean;
        Variance = variance;
    }
}
