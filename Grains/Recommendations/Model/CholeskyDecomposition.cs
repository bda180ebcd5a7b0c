using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// In-place Cholesky factorisation A = L L^T of a small symmetric positive-definite matrix (row-major, lower
/// triangle used) and the two triangular solves. The Cholesky-Banachiewicz order keeps every inner product a
/// contiguous row prefix, so it vectorises with TensorPrimitives.
/// </summary>
internal static class CholeskyDecomposition
{
    /// <summary>Overwrites the lower triangle of <paramref name="matrix"/> with L. False if A is not positive definite.</summary>
    public static bool TryFactor(Span<double> matrix, int size)
    {
        for (var i = 0; i < size; i++)
        {
            var rowI = matrix.Slice(i * size, size);
            for (var j = 0; j <= i; j++)
            {
                var rowJ = matrix.Slice(j * size, size);
                var sum = rowI[j] - TensorPrimitives.Dot<double>(rowI[..j], rowJ[..j]);
                if (i == j)
                {
                    if (!(sum > 0d))
                    {
                        return false;
                    }

                    rowI[i] = Math.Sqrt(sum);
                }
                else
                {
                    rowI[j] = sum / rowJ[j];
                }
            }
        }

        return true;
    }

    /// <summary>Solves L L^T x = b in place (<paramref name="vector"/> holds b, then x), given the factor from <see cref="TryFactor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> factor, int size, Span<double> vector)
    {
        // Forward: L z = b.
        for (var i = 0; i < size; i++)
        {
            var row = factor.Slice(i * size, size);
            vector[i] = (vector[i] - TensorPrimitives.Dot<double>(row[..i], vector[..i])) / row[i];
        }

        // Backward: L^T x = z, eliminating column i from the rows above with one contiguous row prefix each time.
        for (var i = size - 1; i >= 0; i--)
        {
            var row = factor.Slice(i * size, size);
            vector[i] /= row[i];
            TensorPrimitives.MultiplyAdd<double>(row[..i], -vector[i], vector[..i], vector[..i]);
        }
    }
}
