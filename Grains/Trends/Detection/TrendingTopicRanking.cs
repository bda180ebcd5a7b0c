namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// The global view of which topics are hot right now, in bounded memory: a Space-Saving top-K of time-decayed post
/// counts (recent volume), plus a Count-Min sketch of all-time counts that also answers for the long tail of topics
/// the top-K does not hold. This is the model a global ranking grain owns; it sees every post's topics.
/// </summary>
/// <remarks>
/// Method: forward decay (Cormode, Shkapenyuk, Srivastava and Xu, "Forward Decay: A Practical Time Decay Model for
/// Streaming Systems", ICDE 2009): a post at time t gets weight 2^((t - L) / h) for a landmark L, and its decayed weight
/// at query time T is that divided by 2^((T - L) / h), i.e. 2^(-(T - t) / h). Because the division is common to all
/// items, ranking by the stored weights ranks by decayed counts, so weighted <see cref="SpaceSavingTopK{TKey}"/> applies
/// unchanged, with its error bounds scaled the same way. When weights grow large the landmark moves forward and all
/// counters are rescaled. Out-of-order posts simply get their own (smaller) weight.
/// </remarks>
public sealed class TrendingTopicRanking
{
    // Move the landmark once weights reach 2^40: far from double overflow, and rescaling is rare (40 half-lives).
    private const double MaxExponent = 40;

    private readonly long _halfLifeTicks;
    private readonly SpaceSavingTopK<string> _recent;
    private readonly CountMinSketch _totals;
    private long? _landmark;

    /// <summary>Creates an empty ranking.</summary>
    /// <param name="capacity">Topics the top-K monitors (default 1000; ask for far fewer than this in queries).</param>
    /// <param name="halfLife">Half-life of a post's weight in the recent volume (default 10 minutes).</param>
    /// <param name="epsilon">Count-Min relative error bound (default 1e-4 of all posts).</param>
    /// <param name="delta">Count-Min failure probability (default 0.01).</param>
    public TrendingTopicRanking(int capacity = 1000, TimeSpan? halfLife = null, double epsilon = 1e-4, double delta = 0.01)
        : this(
            (halfLife ?? TimeSpan.FromMinutes(10)).Ticks,
            new SpaceSavingTopK<string>(capacity, StringComparer.Ordinal),
            CountMinSketch.ForErrorBounds(epsilon, delta, conservativeUpdate: true),
            null)
    {
    }

    private TrendingTopicRanking(long halfLifeTicks, SpaceSavingTopK<string> recent, CountMinSketch totals, long? landmark)
    {
        if (halfLifeTicks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLifeTicks), TimeSpan.FromTicks(halfLifeTicks), "Half-life must be positive.");
        }

        _halfLifeTicks = halfLifeTicks;
        _recent = recent;
        _totals = totals;
        _landmark = landmark;
    }

    /// <summary>Half-life of a post's weight.</summary>
    public TimeSpan HalfLife => TimeSpan.FromTicks(_halfLifeTicks);

    /// <summary>All posts recorded (the N of the error bounds).</summary>
    public long TotalPosts => _totals.TotalCount;

    /// <summary>Records <paramref name="count"/> posts about <paramref name="topic"/> at <paramref name="timestamp"/>.</summary>
    public void Record(string topic, DateTimeOffset timestamp, long count = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var t = timestamp.UtcTicks;
        _landmark ??= t;
        var exponent = HalfLives(t - _landmark.Value);
        if (exponent > MaxExponent)
        {
            _recent.Scale(Math.Pow(2, -exponent));
            _landmark = t;
            exponent = 0;
        }

        _recent.Add(topic, count * Math.Pow(2, exponent));
        _totals.Add(topic, count);
    }

    /// <summary>The <paramref name="limit"/> topics with the highest decayed counts at <paramref name="now"/>.</summary>
    public IReadOnlyList<RankedTopic> Top(int limit, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var scale = ScaleAt(now);
        return [.. _recent.Top(limit).Select(e => new RankedTopic(e.Key, e.Count * scale, e.Error * scale, _totals.Estimate(e.Key)))];
    }

    /// <summary>
    /// Decayed count of <paramref name="topic"/> at <paramref name="now"/> if the top-K monitors it; otherwise its upper
    /// bound (the top-K's smallest counter). Error is the maximum over-estimation.
    /// </summary>
    public RankedTopic Find(string topic, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var scale = ScaleAt(now);
        var entry = _recent.Find(topic);
        return entry is { } e
            ? new RankedTopic(topic, e.Count * scale, e.Error * scale, _totals.Estimate(topic))
            : new RankedTopic(topic, _recent.MinCount * scale, _recent.MinCount * scale, _totals.Estimate(topic));
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public TrendingTopicRankingState ExportState() => new(_halfLifeTicks, _landmark, _recent.ExportState(), _totals.ExportState());

    /// <summary>Rebuilds a ranking from <see cref="ExportState"/>'s output.</summary>
    public static TrendingTopicRanking FromState(TrendingTopicRankingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new TrendingTopicRanking(
            state.HalfLifeTicks,
            SpaceSavingTopK<string>.FromState(state.Recent, StringComparer.Ordinal),
            CountMinSketch.FromState(state.Totals),
            state.LandmarkUtcTicks);
    }

    private double HalfLives(long ticks) => (double)ticks / _halfLifeTicks;

    private double ScaleAt(DateTimeOffset now) => _landmark is { } l ? Math.Pow(2, -HalfLives(now.UtcTicks - l)) : 0;
}
