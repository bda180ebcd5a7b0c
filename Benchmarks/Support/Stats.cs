namespace StreamOrleans.Benchmarks.Support;

/// <summary>Small statistics helpers for load drivers.</summary>
internal static class Stats
{
    /// <summary>
    /// <paramref name="value"/> / <paramref name="baseline"/> rounded to 3 places, or null when the baseline measured
    /// nothing (a round on a starved machine can see 0 events/s; JSON has no Infinity).
    /// </summary>
    public static double? Ratio(double value, double baseline) => baseline > 0 && double.IsFinite(value) ? Math.Round(value / baseline, 3) : null;

    /// <summary>Median of the values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The <paramref name="percentile"/>-th percentile (nearest rank) of the values, which it sorts in place.</summary>
    public static double Percentile(double[] values, int count, double percentile)
    {
        if (count == 0)
        {
            return double.NaN;
        }

        Array.Sort(values, 0, count);
        var rank = (int)Math.Ceiling(percentile / 100 * count) - 1;
        return values[Math.Clamp(rank, 0, count - 1)];
    }
}
