namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// A trained model ready to serve, keyed by string ids: fold-in of a user's ratings and top-N with reasons. This is
/// what a model version holds and what a UserGrain calls on every event. Immutable after construction; thread-safe.
/// </summary>
public sealed class RecommenderModel
{
    private readonly UserFoldIn _foldIn;
    private readonly TopNRecommender _topN;

    /// <summary>Prepares <paramref name="factors"/> for serving (computes Y^T Y and item norms once).</summary>
    public RecommenderModel(ImplicitAlsModel factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        Factors = factors;
        _foldIn = new UserFoldIn(factors);
        _topN = new TopNRecommender(factors);
    }

    /// <summary>The trained factors.</summary>
    public ImplicitAlsModel Factors { get; }

    /// <summary>Serving over item indexes, for callers that keep indexes (evaluation, benchmarks).</summary>
    public TopNRecommender TopN => _topN;

    /// <summary>
    /// The user's vector from their ratings r per item (r = 3 x purchases + clicks + viewWeight x views); items the
    /// model does not know and ratings &lt;= 0 are ignored. Solves exactly with the item factors fixed.
    /// </summary>
    public float[] FoldIn(IReadOnlyDictionary<string, float> ratings)
    {
        var (items, confidences) = Known(ratings);
        return _foldIn.Solve(items, confidences);
    }

    /// <summary>
    /// The <paramref name="count"/> best items for <paramref name="userVector"/> (from <see cref="FoldIn"/>), skipping
    /// <paramref name="excludedItemIds"/> (e.g. purchased products), with reasons from <paramref name="ratings"/>.
    /// </summary>
    public IReadOnlyList<RecommendedItem> Recommend(
        ReadOnlySpan<float> userVector,
        IReadOnlyDictionary<string, float> ratings,
        int count,
        IReadOnlySet<string>? excludedItemIds = null,
        int reasonsPerItem = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var (items, confidences) = Known(ratings);
        HashSet<int>? excluded = null;
        if (excludedItemIds is { Count: > 0 })
        {
            excluded = [];
            foreach (var id in excludedItemIds)
            {
                if (Factors.Items.TryGetIndex(id, out var index))
                {
                    excluded.Add(index);
                }
            }
        }

        return _topN.Recommend(userVector, count, items, confidences, excluded is null ? null : excluded.Contains, reasonsPerItem);
    }

    private (int[] Items, float[] Confidences) Known(IReadOnlyDictionary<string, float> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var items = new List<int>(ratings.Count);
        var confidences = new List<float>(ratings.Count);
        foreach (var (id, rating) in ratings)
        {
            if (!float.IsFinite(rating) || rating < 0f)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), rating, $"The rating of '{id}' must be a finite number >= 0.");
            }

            if (rating > 0f && Factors.Items.TryGetIndex(id, out var index))
            {
                items.Add(index);
                confidences.Add(Factors.Options.Confidence(rating));
            }
        }

        return ([.. items], [.. confidences]);
    }
}
