using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// The implicit-ALS objective of Hu, Koren, Volinsky 2008, eq. (3):
/// sum over all (u, i) of c_ui (p_ui - x_u.y_i)^2 + lambda (sum |x_u|^2 + sum |y_i|^2), evaluated in O(nnz rank + users rank^2)
/// by splitting it into x_u^T (Y^T Y) x_u over all items plus, for each observed item,
/// c (1 - s)^2 - s^2 = c - 2 c s + (c - 1) s^2 with s = x_u.y_i.
/// </summary>
internal static class AlsObjective
{
    /// <summary>The objective; <paramref name="gram"/> is Y^T Y + lambda I of <paramref name="itemFactors"/>.</summary>
    public static double Compute(
        CompressedSparseMatrix confidencesByUser,
        ReadOnlySpan<float> userFactors,
        ReadOnlySpan<float> itemFactors,
        ReadOnlySpan<float> gram,
        int rank,
        float regularization)
    {
        var total = 0d;
        Span<float> product = rank <= 256 ? stackalloc float[rank] : new float[rank];
        for (var u = 0; u < confidencesByUser.RowCount; u++)
        {
            var x = userFactors.Slice(u * rank, rank);
            for (var k = 0; k < rank; k++)
            {
                product[k] = TensorPrimitives.Dot(gram.Slice(k * rank, rank), x);
            }

            // x^T (Y^T Y + lambda I) x: the all-items term plus this user's regularisation.
            total += TensorPrimitives.Dot(product, x);
            var items = confidencesByUser.RowColumns(u);
            var confidences = confidencesByUser.RowValues(u);
            for (var n = 0; n < items.Length; n++)
            {
                double s = TensorPrimitives.Dot(itemFactors.Slice(items[n] * rank, rank), x);
                double c = confidences[n];
                total += c - (2d * c * s) + ((c - 1d) * s * s);
            }
        }

        total += regularization * (double)TensorPrimitives.Dot(itemFactors, itemFactors);
        return total;
    }
}
