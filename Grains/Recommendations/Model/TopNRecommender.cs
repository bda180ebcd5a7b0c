using System.Buffers;
using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Top-N over all items for a user vector: one SIMD dot product per item (the matrix-vector product Y x_u), partial
/// selection with a heap, an exclusion set, and a reason per recommended item.
/// </summary>
/// <remarks>
/// Reasons. The score of item j is x_u . y_j, and x_u is a confidence-weighted regression on the user's items, so the
/// user's items that "pull" towards j are those similar to j in factor space and held with high confidence. We rank
/// the user's items i by c_ui x cos(y_i, y_j) and name the best few with a positive value. This is simpler than
/// benfred/implicit's <c>explain</c>, which decomposes the score exactly through the user's Cholesky factor
/// (score = sum_i c_ui y_j^T W_u^-1 y_i); ours needs no per-user matrix, costs n_u dot products per item, and reads
/// naturally ("because you bought X, which is like this").
/// </remarks>
public sealed class TopNRecommender
{
    private readonly float[] _itemFactors;
    private readonly float[] _inverseNorms;

    /// <summary>A recommender over a trained model's items.</summary>
    public TopNRecommender(ImplicitAlsModel model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).Items, model.ItemFactors, model.Rank)
    {
    }

    /// <summary>A recommender over <paramref name="itemFactors"/> (items x rank, row-major; copied).</summary>
    public TopNRecommender(IdIndex items, ReadOnlyMemory<float> itemFactors, int rank)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (itemFactors.Length != items.Count * rank)
        {
            throw new ArgumentException($"Expected {items.Count} x {rank} item factors, got {itemFactors.Length} floats.", nameof(itemFactors));
        }

        Items = items;
        Rank = rank;
        _itemFactors = itemFactors.ToArray();
        _inverseNorms = new float[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var norm = TensorPrimitives.Norm(_itemFactors.AsSpan(i * rank, rank));
            _inverseNorms[i] = norm > 0f ? 1f / norm : 0f;
        }
    }

    /// <summary>Item id &lt;-&gt; index.</summary>
    public IdIndex Items { get; }

    /// <summary>Factor length.</summary>
    public int Rank { get; }

    /// <summary>Indexes of the <paramref name="count"/> best-scoring items, best first (no reasons; for evaluation).</summary>
    public int[] TopIndexes(ReadOnlySpan<float> userVector, int count, Predicate<int>? excluded = null)
    {
        CheckVector(userVector);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var scores = ArrayPool<float>.Shared.Rent(Items.Count);
        try
        {
            var itemScores = scores.AsSpan(0, Items.Count);
            Score(userVector, itemScores);
            return TopKSelection.Select(itemScores, count, excluded);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// The <paramref name="count"/> best items for <paramref name="userVector"/>, skipping <paramref name="excluded"/>,
    /// each with up to <paramref name="reasonsPerItem"/> reasons drawn from the user's items and confidences.
    /// </summary>
    public IReadOnlyList<RecommendedItem> Recommend(
        ReadOnlySpan<float> userVector,
        int count,
        ReadOnlySpan<int> userItems,
        ReadOnlySpan<float> userConfidences,
        Predicate<int>? excluded = null,
        int reasonsPerItem = 3)
    {
        if (userItems.Length != userConfidences.Length)
        {
            throw new ArgumentException($"{userItems.Length} user items but {userConfidences.Length} confidences.", nameof(userConfidences));
        }

        CheckVector(userVector);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(reasonsPerItem);
        foreach (var item in userItems)
        {
            if ((uint)item >= (uint)Items.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(userItems), item, $"Item index must be in [0, {Items.Count}).");
            }
        }

        var scores = ArrayPool<float>.Shared.Rent(Items.Count);
        try
        {
            var itemScores = scores.AsSpan(0, Items.Count);
            Score(userVector, itemScores);
            var top = TopKSelection.Select(itemScores, count, excluded);
            var result = new RecommendedItem[top.Length];
            for (var n = 0; n < top.Length; n++)
            {
                result[n] = new RecommendedItem(Items[top[n]], itemScores[top[n]], Reasons(top[n], userItems, userConfidences, reasonsPerItem));
            }

            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private void CheckVector(ReadOnlySpan<float> userVector)
    {
        if (userVector.Length != Rank)
        {
            throw new ArgumentException($"userVector has length {userVector.Length}; expected the rank {Rank}.", nameof(userVector));
        }
    }

    private void Score(ReadOnlySpan<float> userVector, Span<float> scores)
    {
        var rank = Rank;
        var factors = _itemFactors.AsSpan();
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(factors.Slice(i * rank, rank), userVector);
        }
    }

    private RecommendationReason[] Reasons(int item, ReadOnlySpan<int> userItems, ReadOnlySpan<float> confidences, int limit)
    {
        if (limit == 0 || userItems.IsEmpty)
        {
            return [];
        }

        var target = _itemFactors.AsSpan(item * Rank, Rank);
        var weights = new float[userItems.Length];
        for (var n = 0; n < userItems.Length; n++)
        {
            var source = userItems[n];
            var cosine = TensorPrimitives.Dot(_itemFactors.AsSpan(source * Rank, Rank), target) * _inverseNorms[source] * _inverseNorms[item];
            weights[n] = cosine > 0f ? confidences[n] * cosine : float.NaN;
        }

        var best = TopKSelection.Select(weights, limit);
        var reasons = new RecommendationReason[best.Length];
        for (var n = 0; n < best.Length; n++)
        {
            reasons[n] = new RecommendationReason(Items[userItems[best[n]]], weights[best[n]]);
        }

        return reasons;
    }
}
