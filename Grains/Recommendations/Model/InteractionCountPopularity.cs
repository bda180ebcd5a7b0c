namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Plain popularity, the baseline users compare a recommender against: an item's score is the number of events with a
/// positive rating weight (views count only when ViewWeight &gt; 0), with no time decay. Ties go to the smaller id.
/// </summary>
public sealed class InteractionCountPopularity
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly FeedbackWeights _weights;
    private string[]? _ranking;

    /// <summary>Counts events whose weight under <paramref name="weights"/> is positive.</summary>
    public InteractionCountPopularity(FeedbackWeights? weights = null) => _weights = weights ?? FeedbackWeights.Default;

    /// <summary>Number of items counted.</summary>
    public int Count => _counts.Count;

    /// <summary>Adds one event.</summary>
    public void Add(Interaction interaction)
    {
        if (_weights.Weight(interaction.Kind) > 0f)
        {
            _counts[interaction.ItemId] = _counts.GetValueOrDefault(interaction.ItemId) + 1;
            _ranking = null;
        }
    }

    /// <summary>The events counted for <paramref name="itemId"/>.</summary>
    public long Score(string itemId) => _counts.GetValueOrDefault(itemId);

    /// <summary>The <paramref name="count"/> most counted items, best first, skipping <paramref name="excluded"/>.</summary>
    public IReadOnlyList<string> Top(int count, Predicate<string>? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _ranking ??= [.. _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key)];
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
}
