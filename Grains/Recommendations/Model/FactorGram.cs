using System.Buffers;
using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// The regularised Gram matrix F^T F + lambda I of a factor matrix F (count x rank, row-major), the part of every
/// ALS normal equation shared by all rows (Hu, Koren, Volinsky 2008, section 4: "Y^T Y is independent of u").
/// </summary>
internal static class FactorGram
{
    /// <summary>Writes F^T F + lambda I into <paramref name="destination"/> (rank x rank, row-major).</summary>
    public static void Compute(
        ReadOnlySpan<float> factors, int count, int rank, float regularization, Span<float> destination, int maxDegreeOfParallelism = -1)
    {
        if (factors.Length != count * rank || destination.Length != rank * rank)
        {
            throw new ArgumentException($"Expected {count} x {rank} factors and a {rank} x {rank} destination.", nameof(factors));
        }

        // Transpose to column-major once so each Gram entry is one long, contiguous SIMD dot product.
        var columns = ArrayPool<float>.Shared.Rent(count * rank);
        for (var row = 0; row < count; row++)
        {
            var source = factors.Slice(row * rank, rank);
            for (var k = 0; k < rank; k++)
            {
                columns[(k * count) + row] = source[k];
            }
        }

        var gram = new float[rank * rank];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = count * rank < 200_000 ? 1 : maxDegreeOfParallelism };
        Parallel.For(0, rank, parallel, k =>
        {
            var columnK = columns.AsSpan(k * count, count);
            for (var l = 0; l <= k; l++)
            {
                var value = TensorPrimitives.Dot(columnK, columns.AsSpan(l * count, count));
                gram[(k * rank) + l] = value;
                gram[(l * rank) + k] = value;
            }
        });

        ArrayPool<float>.Shared.Return(columns);
        gram.CopyTo(destination);
        for (var k = 0; k < rank; k++)
        {
            destination[(k * rank) + k] += regularization;
        }
    }
}
