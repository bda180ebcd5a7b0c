using System.Buffers;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Fold-in: the exact user vector for fixed item factors Y, x_u = (Y^T Y + Y_u^T (C_u - I) Y_u + lambda I)^-1 Y_u^T C_u p_u
/// (Hu, Koren, Volinsky 2008, eq. 4), with Y^T Y + lambda I computed once here. It is the same solve an ALS user sweep
/// does, so a user's vector can be refreshed on every event without retraining. Thread-safe (scratch is pooled).
/// </summary>
public sealed class UserFoldIn
{
    private readonly float[] _itemFactors;
    private readonly float[] _gram;

    /// <summary>Fold-in against a trained model's item factors and regularisation.</summary>
    public UserFoldIn(ImplicitAlsModel model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).ItemFactors, model.Rank, model.Options.Regularization)
    {
    }

    /// <summary>Fold-in against <paramref name="itemFactors"/> (items x rank, row-major; copied).</summary>
    public UserFoldIn(ReadOnlyMemory<float> itemFactors, int rank, float regularization)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (itemFactors.Length % rank != 0)
        {
            throw new ArgumentException($"itemFactors has {itemFactors.Length} floats, not a multiple of rank {rank}.", nameof(itemFactors));
        }

        if (!float.IsFinite(regularization) || regularization < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "regularization must be a finite number >= 0.");
        }

        Rank = rank;
        ItemCount = itemFactors.Length / rank;
        _itemFactors = itemFactors.ToArray();
        _gram = new float[rank * rank];
        FactorGram.Compute(_itemFactors, ItemCount, rank, regularization, _gram);
    }

    /// <summary>Factor length.</summary>
    public int Rank { get; }

    /// <summary>Number of items.</summary>
    public int ItemCount { get; }

    /// <summary>The user's vector from their items and confidences (c = 1 + alpha r &gt;= 1). No items gives the zero vector.</summary>
    public float[] Solve(ReadOnlySpan<int> items, ReadOnlySpan<float> confidences)
    {
        var vector = new float[Rank];
        Solve(items, confidences, vector);
        return vector;
    }

    /// <summary>Writes the user's vector into <paramref name="destination"/> (length <see cref="Rank"/>).</summary>
    public void Solve(ReadOnlySpan<int> items, ReadOnlySpan<float> confidences, Span<float> destination)
    {
        if (items.Length != confidences.Length)
        {
            throw new ArgumentException($"{items.Length} items but {confidences.Length} confidences.", nameof(confidences));
        }

        if (destination.Length != Rank)
        {
            throw new ArgumentException($"destination has length {destination.Length}; expected the rank {Rank}.", nameof(destination));
        }

        for (var n = 0; n < items.Length; n++)
        {
            if ((uint)items[n] >= (uint)ItemCount)
            {
                throw new ArgumentOutOfRangeException(nameof(items), items[n], $"Item index must be in [0, {ItemCount}).");
            }

            if (!float.IsFinite(confidences[n]) || confidences[n] < 1f)
            {
                throw new ArgumentOutOfRangeException(nameof(confidences), confidences[n], "A confidence must be a finite number >= 1.");
            }
        }

        if (items.IsEmpty)
        {
            destination.Clear();
            return;
        }

        var floats = ArrayPool<float>.Shared.Rent(ExactLeastSquaresSolver.FloatScratchLength(Rank));
        var doubles = ArrayPool<double>.Shared.Rent(ExactLeastSquaresSolver.DoubleScratchLength(Rank));
        try
        {
            ExactLeastSquaresSolver.Solve(_gram, _itemFactors, Rank, items, confidences, destination, floats, doubles);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(doubles);
            ArrayPool<float>.Shared.Return(floats);
        }
    }
}
