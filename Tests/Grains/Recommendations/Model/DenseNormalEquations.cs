using MathNet.Numerics.LinearAlgebra;
using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

/// <summary>
/// Reference solutions computed the textbook way with MathNet: a dense confidence matrix C and preference matrix P,
/// and each row's normal equations (F^T C_u F + lambda I) x = F^T C_u p_u formed and solved densely, with none of the
/// production code's shortcuts (cached Gram, sparse correction, CG).
/// </summary>
internal static class DenseNormalEquations
{
    public static Matrix<double> Factors(ReadOnlySpan<float> rowMajor, int rows, int rank)
    {
        var matrix = Matrix<double>.Build.Dense(rows, rank);
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < rank; k++)
            {
                matrix[r, k] = rowMajor[(r * rank) + k];
            }
        }

        return matrix;
    }

    /// <summary>Dense confidence row (1 where unobserved) and preference row for one row of a rating matrix.</summary>
    public static (double[] Confidence, double[] Preference) Row(CompressedSparseMatrix ratings, int row, float alpha)
    {
        var confidence = Enumerable.Repeat(1d, ratings.ColumnCount).ToArray();
        var preference = new double[ratings.ColumnCount];
        var columns = ratings.RowColumns(row);
        var values = ratings.RowValues(row);
        for (var n = 0; n < columns.Length; n++)
        {
            confidence[columns[n]] = 1d + (alpha * (double)values[n]);
            preference[columns[n]] = values[n] > 0f ? 1d : 0d;
        }

        return (confidence, preference);
    }

    public static Vector<double> Solve(Matrix<double> fixedFactors, double[] confidence, double[] preference, double regularization)
    {
        var c = Matrix<double>.Build.DiagonalOfDiagonalArray(confidence);
        var p = Vector<double>.Build.DenseOfArray(preference);
        var ft = fixedFactors.Transpose();
        var a = (ft * c * fixedFactors) + (regularization * Matrix<double>.Build.DenseIdentity(fixedFactors.ColumnCount));
        var b = ft * c * p;
        return a.Cholesky().Solve(b);
    }
}
