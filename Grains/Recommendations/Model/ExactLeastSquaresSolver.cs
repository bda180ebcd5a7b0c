using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Solves one row's implicit-ALS normal equations exactly, as in Hu, Koren, Volinsky, "Collaborative Filtering for
/// Implicit Feedback Datasets" (ICDM 2008), eq. (4): x = (Y^T Y + Y_u^T (C_u - I) Y_u + lambda I)^-1 Y_u^T C_u p_u,
/// forming only the sparse correction (O(n_u rank^2)) on top of the cached Gram, then a Cholesky solve (O(rank^3)).
/// </summary>
internal static class ExactLeastSquaresSolver
{
    /// <summary>Scratch floats <see cref="Solve"/> needs.</summary>
    public static int FloatScratchLength(int rank) => (rank * rank) + rank;

    /// <summary>Scratch doubles <see cref="Solve"/> needs.</summary>
    public static int DoubleScratchLength(int rank) => (rank * rank) + rank;

    /// <summary>Writes the exact solution into <paramref name="x"/>.</summary>
    /// <exception cref="InvalidOperationException">The system is not positive definite (lambda = 0 and too few items).</exception>
    public static void Solve(
        ReadOnlySpan<float> gram,
        ReadOnlySpan<float> factors,
        int rank,
        ReadOnlySpan<int> indexes,
        ReadOnlySpan<float> confidences,
        Span<float> x,
        Span<float> floatScratch,
        Span<double> doubleScratch)
    {
        var matrix = floatScratch[..(rank * rank)];
        var rhs = floatScratch.Slice(rank * rank, rank);
        gram[..(rank * rank)].CopyTo(matrix);
        rhs.Clear();
        for (var n = 0; n < indexes.Length; n++)
        {
            var y = factors.Slice(indexes[n] * rank, rank);
            var c = confidences[n];
            TensorPrimitives.MultiplyAdd(y, c, rhs, rhs);
            var weight = c - 1f;
            if (weight == 0f)
            {
                continue;
            }

            // matrix += weight y y^T, one row at a time.
            for (var k = 0; k < rank; k++)
            {
                var row = matrix.Slice(k * rank, rank);
                TensorPrimitives.MultiplyAdd(y, weight * y[k], row, row);
            }
        }

        var system = doubleScratch[..(rank * rank)];
        var solution = doubleScratch.Slice(rank * rank, rank);
        for (var i = 0; i < system.Length; i++)
        {
            system[i] = matrix[i];
        }

        for (var k = 0; k < rank; k++)
        {
            solution[k] = rhs[k];
        }

        if (!CholeskyDecomposition.TryFactor(system, rank))
        {
            throw new InvalidOperationException(
                "The normal equations are not positive definite; use a regularization > 0.");
        }

        CholeskyDecomposition.Solve(system, rank, solution);
        for (var k = 0; k < rank; k++)
        {
            x[k] = (float)solution[k];
        }
    }
}
