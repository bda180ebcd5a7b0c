namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Popularity with exponential time decay, the cold-start fallback and the evaluation baseline: an event of weight w
/// at time t contributes w x 2^(-(now - t) / halfLife). Scores are kept relative to an anchor time,
/// s_i = sum w 2^((t - anchor) / halfLife), so adding an event is O(1) and the ranking at any "now" is the ranking of
/// s_i (the factor 2^(-(now - anchor) / halfLife) is common to all items). Time comes in as arguments, never from a clock.
/// </summary>
public sealed class TimeDecayedPopularity
{
    // Re-anchor before 2^exponent leaves double's comfortable range.
    private const double MaxExponent = 512d;

    private readonly Dictionary<string, double> _scores = new(StringComparer.Ordinal);
    private readonly FeedbackWeights _weights;
    private DateTimeOffset? _anchor;
    private string[]? _ranking;

    /// <summary>Popularity decaying with <paramref name="halfLife"/>; events are weighted like ratings by <paramref name="weights"/>.</summary>
    public TimeDecayedPopularity(TimeSpan halfLife, FeedbackWeights? weights = null)
    {
        if (halfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "halfLife must be positive.");
        }

        HalfLife = halfLife;
        _weights = weights ?? FeedbackWeights.Default;
    }

    /// <summary>The time after which an event counts half.</summary>
    public TimeSpan HalfLife { get; }

    /// <summary>Number of items seen with a positive weight.</summary>
    public int Count => _scores.Count;

    /// <summary>Adds one event.</summary>
    public void Add(Interaction interaction) => Add(interaction.ItemId, _weights.Weight(interaction.Kind), interaction.Timestamp);

    /// <summary>Adds <paramref name="weight"/> (&gt;= 0) for <paramref name="itemId"/> at <paramref name="timestamp"/>.</summary>
    public void Add(string itemId, float weight, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        if (!float.IsFinite(weight) || weight < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be a finite number >= 0.");
        }

        if (weight == 0f)
        {
            return;
        }

        _anchor ??= timestamp;
        var exponent = Exponent(timestamp);
        if (exponent > MaxExponent)
        {
            Reanchor(timestamp);
            exponent = 0d;
        }

        _scores[itemId] = _scores.GetValueOrDefault(itemId) + (weight * Math.Pow(2d, exponent));
        _ranking = null;
    }

    /// <summary>The decayed score of <paramref name="itemId"/> as seen at <paramref name="now"/> (0 if unknown).</summary>
    public double Score(string itemId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        return _anchor is null ? 0d : _scores.GetValueOrDefault(itemId) * Math.Pow(2d, -Exponent(now));
    }

    /// <summary>The <paramref name="count"/> most popular items, best first, skipping <paramref name="excluded"/>.</summary>
    public IReadOnlyList<string> Top(int count, Predicate<string>? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        // The ranking is cached until the next Add, so serving many users costs O(count + excluded) each.
        _ranking ??= [.. _scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key)];
        var top = new List<string>(Math.Min(count, _ranking.Length));
        foreach (var id in _ranking)
        {
            if (top.Count == count)
            {
                break;
            }

            if (excluded is null || !excluded(id))
            {
                top.Add(id);
            }
        }

        return top;
    }

    private double Exponent(DateTimeOffset timestamp) => (timestamp - _anchor!.Value) / HalfLife;

    private void Reanchor(DateTimeOffset anchor)
    {
        var factor = Math.Pow(2d, -Exponent(anchor));
        foreach (var id in _scores.Keys.ToArray())
        {
            _scores[id] *= factor;
        }

        _anchor = anchor;
    }
}
