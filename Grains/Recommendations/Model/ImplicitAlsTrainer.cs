using System.Collections.Concurrent;
using System.Diagnostics;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Implicit-feedback alternating least squares: Hu, Koren, Volinsky, "Collaborative Filtering for Implicit Feedback
/// Datasets" (ICDM 2008). Each iteration fixes the items and solves every user's weighted ridge regression, then the
/// reverse. Rows are solved either by a few warm-started conjugate-gradient steps (Takacs, Pilaszy, Tikk 2011, as in
/// benfred/implicit) or exactly by Cholesky. Rows are independent given the other side, so sweeps run in parallel
/// and the result does not depend on the thread count.
/// </summary>
public sealed class ImplicitAlsTrainer
{
    // Below this much work per sweep (stored entries + rows x rank) thread hand-off costs more than it saves.
    private const int ParallelWorkThreshold = 50_000;
    private const float InitialScale = 0.01f;

    /// <summary>A trainer with <paramref name="options"/>.</summary>
    public ImplicitAlsTrainer(ImplicitAlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The hyper-parameters.</summary>
    public ImplicitAlsOptions Options { get; }

    /// <summary>Trains factors for <paramref name="matrix"/> from random ones, reporting after each iteration.</summary>
    public ImplicitAlsModel Train(
        InteractionMatrix matrix, IProgress<AlsIterationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(matrix, warmStart: null, progress, cancellationToken);

    /// <summary>
    /// Trains factors for <paramref name="matrix"/>, starting users and items that <paramref name="warmStart"/> knows
    /// (same rank) from their previous vectors and new ones from random vectors. Retraining after new events then needs
    /// fewer iterations than training from scratch.
    /// </summary>
    public ImplicitAlsModel Train(
        InteractionMatrix matrix,
        ImplicitAlsModel? warmStart,
        IProgress<AlsIterationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rank = Options.Rank;
        if (warmStart is not null && warmStart.Rank != rank)
        {
            throw new ArgumentException($"The warm-start model has rank {warmStart.Rank}; these options train rank {rank}.", nameof(warmStart));
        }

        var userCount = matrix.Users.Count;
        var itemCount = matrix.Items.Count;
        var byUser = matrix.ByUser.MapValues(Options.Confidence);
        var byItem = matrix.ByItem.MapValues(Options.Confidence);

        var random = new Random(Options.Seed);
        var userFactors = RandomFactors(random, userCount * rank);
        var itemFactors = RandomFactors(random, itemCount * rank);
        if (warmStart is not null)
        {
            CopyKnown(matrix.Users, warmStart.Users, warmStart.UserFactors.Span, userFactors, rank);
            CopyKnown(matrix.Items, warmStart.Items, warmStart.ItemFactors.Span, itemFactors, rank);
        }

        var gram = new float[rank * rank];

        for (var iteration = 1; iteration <= Options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            FactorGram.Compute(itemFactors, itemCount, rank, Options.Regularization, gram, Options.MaxDegreeOfParallelism);
            SolveRows(byUser, itemFactors, gram, userFactors, cancellationToken);
            FactorGram.Compute(userFactors, userCount, rank, Options.Regularization, gram, Options.MaxDegreeOfParallelism);
            SolveRows(byItem, userFactors, gram, itemFactors, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);

            double? loss = null;
            if (Options.ComputeLoss)
            {
                FactorGram.Compute(itemFactors, itemCount, rank, Options.Regularization, gram, Options.MaxDegreeOfParallelism);
                loss = AlsObjective.Compute(byUser, userFactors, itemFactors, gram, rank, Options.Regularization);
            }

            progress?.Report(new AlsIterationProgress(iteration, Options.Iterations, elapsed, loss));
        }

        return new ImplicitAlsModel(
            new IdIndex(matrix.Users.Ids), new IdIndex(matrix.Items.Ids), rank, userFactors, itemFactors, Options);
    }

    /// <summary>
    /// One half-sweep: solves every row of <paramref name="confidences"/> (a user's or item's confidences) against the
    /// fixed <paramref name="fixedFactors"/> with <paramref name="gram"/> = fixed^T fixed + lambda I, in place in
    /// <paramref name="target"/> (its current rows are the CG warm start). Rows without entries become 0, their exact solution.
    /// </summary>
    internal void SolveRows(
        CompressedSparseMatrix confidences, float[] fixedFactors, float[] gram, float[] target, CancellationToken cancellationToken)
    {
        var rank = Options.Rank;
        var rows = confidences.RowCount;
        var work = (long)confidences.NonZeroCount + ((long)rows * rank);
        if (Options.MaxDegreeOfParallelism == 1 || work < ParallelWorkThreshold)
        {
            SolveRange(confidences, fixedFactors, gram, target, 0, rows);
            return;
        }

        var workers = Options.MaxDegreeOfParallelism > 0 ? Options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var chunk = Math.Max(16, rows / (workers * 16));
        Parallel.ForEach(
            Partitioner.Create(0, rows, chunk),
            new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            range => SolveRange(confidences, fixedFactors, gram, target, range.Item1, range.Item2));
    }

    private void SolveRange(
        CompressedSparseMatrix confidences, float[] fixedFactors, float[] gram, float[] target, int from, int to)
    {
        var rank = Options.Rank;
        var exact = Options.Solver == AlsSolver.Cholesky;
        var floatScratch = new float[exact ? ExactLeastSquaresSolver.FloatScratchLength(rank) : ConjugateGradientSolver.ScratchLength(rank)];
        var doubleScratch = exact ? new double[ExactLeastSquaresSolver.DoubleScratchLength(rank)] : [];
        for (var row = from; row < to; row++)
        {
            var x = target.AsSpan(row * rank, rank);
            var indexes = confidences.RowColumns(row);
            if (indexes.IsEmpty)
            {
                x.Clear();
            }
            else if (exact)
            {
                ExactLeastSquaresSolver.Solve(
                    gram, fixedFactors, rank, indexes, confidences.RowValues(row), x, floatScratch, doubleScratch);
            }
            else
            {
                ConjugateGradientSolver.Solve(
                    gram, fixedFactors, rank, indexes, confidences.RowValues(row), x, Options.ConjugateGradientSteps, floatScratch);
            }
        }
    }

    private static void CopyKnown(IdIndex ids, IdIndex previousIds, ReadOnlySpan<float> previous, float[] factors, int rank)
    {
        for (var index = 0; index < ids.Count; index++)
        {
            if (previousIds.TryGetIndex(ids[index], out var old))
            {
                previous.Slice(old * rank, rank).CopyTo(factors.AsSpan(index * rank, rank));
            }
        }
    }

    private static float[] RandomFactors(Random random, int length)
    {
        var factors = new float[length];
        for (var i = 0; i < factors.Length; i++)
        {
            factors[i] = ((random.NextSingle() * 2f) - 1f) * InitialScale;
        }

        return factors;
    }
}
