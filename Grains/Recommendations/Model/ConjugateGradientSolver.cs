using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Approximately solves one row's implicit-ALS normal equations
/// (Y^T Y + lambda I + Y_u^T (C_u - I) Y_u) x = Y_u^T C_u p_u with a few conjugate-gradient steps, warm-started from
/// the row's previous vector. Method: Takacs, Pilaszy, Tikk, "Applications of the conjugate gradient method for
/// implicit feedback collaborative filtering" (RecSys 2011), the way benfred/implicit's CPU solver applies it: the
/// matrix is never formed; A v is the cached Gram times v plus a sparse correction over the row's items.
/// </summary>
internal static class ConjugateGradientSolver
{
    private const float Converged = 1e-20f;

    /// <summary>Scratch floats <see cref="Solve"/> needs.</summary>
    public static int ScratchLength(int rank) => 3 * rank;

    /// <summary>Improves <paramref name="x"/> in place by up to <paramref name="steps"/> CG steps.</summary>
    /// <param name="gram">Y^T Y + lambda I, rank x rank row-major.</param>
    /// <param name="factors">The fixed side's factors Y, row-major.</param>
    /// <param name="rank">Factor length.</param>
    /// <param name="indexes">The row's non-zero columns (rows of Y).</param>
    /// <param name="confidences">Their confidences c (&gt;= 1).</param>
    /// <param name="x">The vector to improve (warm start).</param>
    /// <param name="steps">CG steps.</param>
    /// <param name="scratch">At least <see cref="ScratchLength"/> floats.</param>
    public static void Solve(
        ReadOnlySpan<float> gram,
        ReadOnlySpan<float> factors,
        int rank,
        ReadOnlySpan<int> indexes,
        ReadOnlySpan<float> confidences,
        Span<float> x,
        int steps,
        Span<float> scratch)
    {
        var residual = scratch[..rank];
        var direction = scratch.Slice(rank, rank);
        var product = scratch.Slice(2 * rank, rank);

        // residual = b - A x = -G x + sum_i (c_i - (c_i - 1) y_i.x) y_i
        MultiplyGram(gram, x, residual, rank);
        TensorPrimitives.Negate(residual, residual);
        for (var n = 0; n < indexes.Length; n++)
        {
            var y = factors.Slice(indexes[n] * rank, rank);
            var c = confidences[n];
            TensorPrimitives.MultiplyAdd(y, c - ((c - 1f) * TensorPrimitives.Dot(y, x)), residual, residual);
        }

        residual.CopyTo(direction);
        var oldNorm = TensorPrimitives.Dot(residual, residual);
        if (oldNorm < Converged)
        {
            return;
        }

        for (var step = 0; step < steps; step++)
        {
            // product = A direction
            MultiplyGram(gram, direction, product, rank);
            for (var n = 0; n < indexes.Length; n++)
            {
                var y = factors.Slice(indexes[n] * rank, rank);
                TensorPrimitives.MultiplyAdd(y, (confidences[n] - 1f) * TensorPrimitives.Dot(y, direction), product, product);
            }

            var curvature = TensorPrimitives.Dot(direction, product);
            if (!(curvature > 0f))
            {
                return;
            }

            var stepSize = oldNorm / curvature;
            TensorPrimitives.MultiplyAdd(direction, stepSize, x, x);
            TensorPrimitives.MultiplyAdd(product, -stepSize, residual, residual);
            var newNorm = TensorPrimitives.Dot(residual, residual);
            if (newNorm < Converged)
            {
                return;
            }

            // direction = residual + (newNorm / oldNorm) direction
            TensorPrimitives.MultiplyAdd(direction, newNorm / oldNorm, residual, direction);
            oldNorm = newNorm;
        }
    }

    private static void MultiplyGram(ReadOnlySpan<float> gram, ReadOnlySpan<float> vector, Span<float> destination, int rank)
    {
        for (var k = 0; k < rank; k++)
        {
            destination[k] = TensorPrimitives.Dot(gram.Slice(k * rank, rank), vector);
        }
    }
}
