namespace StreamOrleans.Benchmarks.Soak;

/// <summary>
/// How one curve of the soak moved over its steady window (after the warm-up in which the log fills up to its
/// retention): the medians, means and maxima of the window's first and last halves, the growth (ratio of the medians:
/// a curve that keeps rising moves its median as much as its mean, while one GC or checkpoint spike moves neither much),
/// and the least-squares slope per minute.
/// </summary>
internal sealed record SoakTrend(double FirstHalfMedian, double LastHalfMedian, double FirstHalfMean, double LastHalfMean, double FirstHalfMax, double LastHalfMax, double SlopePerMinute)
{
    /// <summary>Last half's median over the first half's.</summary>
    public double Growth => FirstHalfMedian > 0 ? LastHalfMedian / FirstHalfMedian : LastHalfMedian > 0 ? double.PositiveInfinity : 1;

    /// <summary>The trend of <paramref name="value"/> over <paramref name="steady"/> (at least two samples).</summary>
    public static SoakTrend Of(IReadOnlyList<SoakSample> steady, Func<SoakSample, double> value)
    {
        if (steady.Count < 2)
        {
            throw new ArgumentException($"A trend needs at least two samples in the steady window (got {steady.Count}).", nameof(steady));
        }

        var half = steady.Count / 2;
        var first = steady.Take(half).Select(value).ToArray();
        var last = steady.Skip(steady.Count - half).Select(value).ToArray();
        return new SoakTrend(Median(first), Median(last), first.Average(), last.Average(), first.Max(), last.Max(), Slope(steady, value) * 60);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    // Least squares over (seconds, value): units of value per second.
    private static double Slope(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> value)
    {
        var meanT = samples.Average(s => s.Seconds);
        var meanV = samples.Average(value);
        double numerator = 0, denominator = 0;
        foreach (var sample in samples)
        {
            numerator += (sample.Seconds - meanT) * (value(sample) - meanV);
            denominator += (sample.Seconds - meanT) * (sample.Seconds - meanT);
        }

        return denominator > 0 ? numerator / denominator : 0;
    }
}
