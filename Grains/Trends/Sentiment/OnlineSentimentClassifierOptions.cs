namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>Settings of <see cref="OnlineSentimentClassifier"/>. Defaults were chosen on generated posts (see the tests).</summary>
public sealed record OnlineSentimentClassifierOptions
{
    /// <summary>log2 of the number of hash buckets (default 18, i.e. 262144 buckets; range 4..26).</summary>
    public int HashBits { get; init; } = 18;

    /// <summary>Whether adjacent-token bigrams are features besides unigrams (default true).</summary>
    public bool UseBigrams { get; init; } = true;

    /// <summary>FTRL-Proximal alpha, the per-coordinate learning-rate scale (default 0.2; must be positive).</summary>
    public double Alpha { get; init; } = 0.2;

    /// <summary>FTRL-Proximal beta, smoothing of the per-coordinate rate for rarely seen features (default 1; must be positive).</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>L1 regularisation strength; larger values give sparser weights (default 0.5; non-negative).</summary>
    public double L1 { get; init; } = 0.5;

    /// <summary>L2 regularisation strength (default 0.001; non-negative).</summary>
    public double L2 { get; init; } = 0.001;

    /// <summary>Number of most recent examples in the sliding-window metrics (default 1000).</summary>
    public int MetricsWindow { get; init; } = 1000;

    /// <summary>Throws if any setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (HashBits is < 4 or > 26)
        {
            throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, "HashBits must be in 4..26.");
        }

        if (!(Alpha > 0) || double.IsInfinity(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be a positive finite number.");
        }

        if (!(Beta > 0) || double.IsInfinity(Beta))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "Beta must be a positive finite number.");
        }

        if (!(L1 >= 0) || double.IsInfinity(L1))
        {
            throw new ArgumentOutOfRangeException(nameof(L1), L1, "L1 must be a non-negative finite number.");
        }

        if (!(L2 >= 0) || double.IsInfinity(L2))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "L2 must be a non-negative finite number.");
        }

        if (MetricsWindow < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MetricsWindow), MetricsWindow, "MetricsWindow must be at least 1.");
        }
    }
}
