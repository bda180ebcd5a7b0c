using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Tests.Grains.Recommendations.Model;

public class ImplicitAlsTrainerTests
{
    private static readonly ImplicitAlsOptions Small = new()
    {
        Rank = 5,
        Regularization = 0.5f,
        Alpha = 2f,
        Iterations = 6,
        Seed = 11,
    };

    [Fact]
    public void Cholesky_training_gives_item_vectors_that_solve_the_dense_normal_equations()
    {
        var matrix = SmallMatrices.Random();
        var options = Small with { Solver = AlsSolver.Cholesky };
        var model = new ImplicitAlsTrainer(options).Train(matrix);

        // The last half-sweep solved the items with the users fixed: check each against a dense MathNet solve.
        var users = DenseNormalEquations.Factors(model.UserFactors.Span, matrix.Users.Count, options.Rank);
        for (var item = 0; item < matrix.Items.Count; item++)
        {
            var (confidence, preference) = DenseNormalEquations.Row(matrix.ByItem, item, options.Alpha);
            var expected = DenseNormalEquations.Solve(users, confidence, preference, options.Regularization);
            AssertClose(expected, model.ItemVector(item), 1e-4);
        }
    }

    [Fact]
    public void Conjugate_gradient_with_rank_steps_matches_the_exact_solver()
    {
        var matrix = SmallMatrices.Random();
        var exact = new ImplicitAlsTrainer(Small with { Solver = AlsSolver.Cholesky }).Train(matrix);
        var cg = new ImplicitAlsTrainer(Small with { ConjugateGradientSteps = 2 * Small.Rank }).Train(matrix);

        for (var user = 0; user < matrix.Users.Count; user++)
        {
            AssertClose(exact.UserVector(user), cg.UserVector(user), 1e-3);
        }

        for (var item = 0; item < matrix.Items.Count; item++)
        {
            AssertClose(exact.ItemVector(item), cg.ItemVector(item), 1e-3);
        }
    }

    [Theory]
    [InlineData(AlsSolver.ConjugateGradient)]
    [InlineData(AlsSolver.Cholesky)]
    public void Loss_decreases_every_iteration(AlsSolver solver)
    {
        var matrix = SmallMatrices.Random();
        var losses = new List<double>();
        var progress = new SynchronousProgress<AlsIterationProgress>(p => losses.Add(p.Loss!.Value));
        new ImplicitAlsTrainer(Small with { Solver = solver, ComputeLoss = true, Iterations = 10 }).Train(matrix, progress);

        Assert.Equal(10, losses.Count);
        for (var i = 1; i < losses.Count; i++)
        {
            Assert.True(losses[i] <= losses[i - 1] * (1 + 1e-6), $"loss rose at iteration {i + 1}: {losses[i - 1]} -> {losses[i]}");
        }

        Assert.True(losses[^1] < losses[0] * 0.999, $"loss did not fall: {losses[0]} -> {losses[^1]}");
    }

    [Fact]
    public void Reported_loss_equals_the_dense_objective()
    {
        var matrix = SmallMatrices.Random();
        var options = Small with { ComputeLoss = true, Iterations = 2 };
        double? reported = null;
        var model = new ImplicitAlsTrainer(options).Train(matrix, new SynchronousProgress<AlsIterationProgress>(p => reported = p.Loss));

        var expected = 0d;
        for (var u = 0; u < matrix.Users.Count; u++)
        {
            var (confidence, preference) = DenseNormalEquations.Row(matrix.ByUser, u, options.Alpha);
            for (var i = 0; i < matrix.Items.Count; i++)
            {
                var score = 0d;
                for (var k = 0; k < options.Rank; k++)
                {
                    score += model.UserVector(u)[k] * (double)model.ItemVector(i)[k];
                }

                expected += confidence[i] * Math.Pow(preference[i] - score, 2);
            }
        }

        var squares = model.UserFactors.ToArray().Concat(model.ItemFactors.ToArray()).Sum(v => (double)v * v);
        expected += options.Regularization * squares;
        Assert.NotNull(reported);
        Assert.Equal(expected, reported.Value, expected * 1e-4);
    }

    [Fact]
    public void Training_is_deterministic_and_independent_of_thread_count()
    {
        var matrix = InteractionMatrix.FromInteractions(SmallMatrices.Planted(users: 2_000, items: 300).Interactions);
        Assert.True(matrix.NonZeroCount > 20_000, "the data must be big enough for the parallel path");
        var options = new ImplicitAlsOptions { Rank = 16, Iterations = 2 };
        var parallel = new ImplicitAlsTrainer(options).Train(matrix);
        var sequential = new ImplicitAlsTrainer(options with { MaxDegreeOfParallelism = 1 }).Train(matrix);

        Assert.Equal(sequential.UserFactors.ToArray(), parallel.UserFactors.ToArray());
        Assert.Equal(sequential.ItemFactors.ToArray(), parallel.ItemFactors.ToArray());
    }

    [Fact]
    public void A_warm_start_from_a_trained_model_starts_near_its_loss()
    {
        var matrix = SmallMatrices.Random();
        var options = Small with { ComputeLoss = true, Iterations = 1 };
        var trained = new ImplicitAlsTrainer(Small with { Iterations = 15 }).Train(matrix);
        double? coldLoss = null, warmLoss = null, convergedLoss = null;
        new ImplicitAlsTrainer(options).Train(matrix, new SynchronousProgress<AlsIterationProgress>(p => coldLoss = p.Loss));
        new ImplicitAlsTrainer(options).Train(matrix, trained, new SynchronousProgress<AlsIterationProgress>(p => warmLoss = p.Loss));
        new ImplicitAlsTrainer(Small with { ComputeLoss = true, Iterations = 16 }).Train(
            matrix, new SynchronousProgress<AlsIterationProgress>(p => convergedLoss = p.Loss));

        Assert.True(warmLoss < coldLoss, $"warm {warmLoss} should beat cold {coldLoss} after one iteration");
        Assert.Equal(convergedLoss!.Value, warmLoss!.Value, convergedLoss.Value * 1e-3);
        Assert.Throws<ArgumentException>(() => new ImplicitAlsTrainer(Small with { Rank = 3 }).Train(matrix, trained));
    }

    [Fact]
    public void Options_reject_out_of_range_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitAlsOptions { Rank = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitAlsOptions { Regularization = -1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitAlsOptions { Alpha = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitAlsOptions { ConjugateGradientSteps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImplicitAlsOptions { MaxDegreeOfParallelism = 0 });
    }

    [Fact]
    public void Training_can_be_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(
            () => new ImplicitAlsTrainer(Small).Train(SmallMatrices.Random(), cancellationToken: cancellation.Token));
    }

    internal static void AssertClose(MathNet.Numerics.LinearAlgebra.Vector<double> expected, ReadOnlySpan<float> actual, double tolerance) =>
        AssertClose(expected.ToArray(), actual.ToArray().Select(v => (double)v).ToArray(), tolerance);

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance) =>
        AssertClose(expected.ToArray().Select(v => (double)v).ToArray(), actual.ToArray().Select(v => (double)v).ToArray(), tolerance);

    // Relative to the vector's scale, so the check means the same for large and small vectors.
    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1e-3, expected.Max(Math.Abs));
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(
                Math.Abs(expected[k] - actual[k]) <= tolerance * scale,
                $"component {k}: expected {expected[k]}, got {actual[k]} (tolerance {tolerance * scale})");
        }
    }
}
