namespace StreamOrleans.Grains.Trends.Demo;

/// <summary>Draws ranks 0..n-1 with Zipf probabilities p(r) proportional to 1 / (r + 1)^s (inverse CDF, binary search).</summary>
public sealed class ZipfSampler
{
    private readonly double[] _cdf;

    /// <summary>Creates a sampler over <paramref name="count"/> ranks with exponent <paramref name="exponent"/> (>= 0).</summary>
    public ZipfSampler(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(exponent >= 0) || double.IsInfinity(exponent))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "Exponent must be a non-negative finite number.");
        }

        _cdf = new double[count];
        double sum = 0;
        for (var r = 0; r < count; r++)
        {
            sum += 1 / Math.Pow(r + 1, exponent);
            _cdf[r] = sum;
        }

        for (var r = 0; r < count; r++)
        {
            _cdf[r] /= sum;
        }
    }

    /// <summary>Number of ranks.</summary>
    public int Count => _cdf.Length;

    /// <summary>Probability of rank <paramref name="rank"/>.</summary>
    public double Probability(int rank) => rank == 0 ? _cdf[0] : _cdf[rank] - _cdf[rank - 1];

    /// <summary>Draws a rank.</summary>
    public int Sample(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble();
        var i = Array.BinarySearch(_cdf, u);
        i = i >= 0 ? i + 1 : ~i;
        return Math.Min(i, _cdf.Length - 1);
    }
}
