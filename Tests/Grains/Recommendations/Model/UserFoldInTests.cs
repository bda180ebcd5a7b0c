using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public class UserFoldInTests
{
    private static readonly ImplicitAlsOptions Options = new()
    {
        Rank = 6,
        Regularization = 0.3f,
        Alpha = 4f,
        Iterations = 4,
        Solver = AlsSolver.Cholesky,
    };

    [Fact]
    public void Fold_in_equals_the_full_user_solve_and_the_dense_solution()
    {
        var matrix = SmallMatrices.Random(seed: 5);
        var trainer = new ImplicitAlsTrainer(Options);
        var model = trainer.Train(matrix);

        // A full user sweep against the final item factors: what the next ALS iteration would give each user.
        var items = model.ItemFactors.ToArray();
        var users = new float[matrix.Users.Count * Options.Rank];
        var gram = new float[Options.Rank * Options.Rank];
        FactorGram.Compute(items, matrix.Items.Count, Options.Rank, Options.Regularization, gram);
        trainer.SolveRows(matrix.ByUser.MapValues(Options.Confidence), items, gram, users, CancellationToken.None);

        var foldIn = new UserFoldIn(model);
        var dense = DenseNormalEquations.Factors(items, matrix.Items.Count, Options.Rank);
        for (var u = 0; u < matrix.Users.Count; u++)
        {
            var confidences = matrix.ByUser.RowValues(u).ToArray().Select(Options.Confidence).ToArray();
            var vector = foldIn.Solve(matrix.ByUser.RowColumns(u), confidences);

            ImplicitAlsTrainerTests.AssertClose(users.AsSpan(u * Options.Rank, Options.Rank), vector, 1e-5);
            var (c, p) = DenseNormalEquations.Row(matrix.ByUser, u, Options.Alpha);
            ImplicitAlsTrainerTests.AssertClose(DenseNormalEquations.Solve(dense, c, p, Options.Regularization), vector, 1e-4);
        }
    }

    [Fact]
    public void A_new_click_moves_the_user_towards_the_clicked_item()
    {
        var matrix = SmallMatrices.Random(seed: 8);
        var model = new ImplicitAlsTrainer(Options).Train(matrix);
        var serving = new RecommenderModel(model);
        var ratings = new Dictionary<string, float> { ["i1"] = 3f, ["i2"] = 1f };
        var before = serving.FoldIn(ratings);
        ratings["i7"] = 1f;
        var after = serving.FoldIn(ratings);

        var item = model.ItemVector(model.Items.TryGetIndex("i7", out var index) ? index : -1);
        Assert.True(Dot(after, item) > Dot(before, item), "clicking i7 should raise i7's score");
    }

    [Fact]
    public void No_items_give_the_zero_vector_and_bad_input_is_rejected()
    {
        var foldIn = new UserFoldIn(new float[] { 1, 0, 0, 1, 1, 1 }, rank: 2, regularization: 0.1f);
        Assert.Equal(new float[2], foldIn.Solve([], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => foldIn.Solve([3], [2f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => foldIn.Solve([0], [0.5f]));
        Assert.Throws<ArgumentException>(() => foldIn.Solve([0, 1], [2f]));
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0d;
        for (var k = 0; k < a.Length; k++)
        {
            sum += a[k] * (double)b[k];
        }

        return sum;
    }
}
