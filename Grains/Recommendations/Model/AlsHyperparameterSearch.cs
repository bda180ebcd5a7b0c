using System.Diagnostics;

namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Chooses alpha and lambda (and the rank) by evaluation on a holdout split: trains one model per point on the split's
/// training side and keeps the best NDCG@K on the held-out items. None of them has a data-independent default: lambda
/// competes with the Gram matrix, whose scale grows with the number of users and items, so too small overfits and too
/// large shrinks every taste direction but popularity away (the model falls to the baseline).
/// </summary>
public static class AlsHyperparameterSearch
{
    /// <summary>Every (alpha, lambda) grid point, best NDCG first; the best options are <c>baseOptions with { Alpha, Regularization }</c> of the first.</summary>
    public static IReadOnlyList<AlsSearchTrial> Run(
        HoldoutSplit split,
        ImplicitAlsOptions baseOptions,
        IReadOnlyCollection<float> alphas,
        IReadOnlyCollection<float> regularizations,
        FeedbackWeights? weights = null,
        int cutoff = 10,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(regularizations);
        if (alphas.Count == 0 || regularizations.Count == 0)
        {
            throw new ArgumentException("The grid needs at least one alpha and one regularization.", nameof(alphas));
        }

        var train = InteractionMatrix.FromInteractions(split.Train, weights);
        var trials = new List<AlsSearchTrial>();
        foreach (var alpha in alphas)
        {
            foreach (var regularization in regularizations)
            {
                trials.Add(Trial(split, train, baseOptions with { Alpha = alpha, Regularization = regularization }, cutoff, cancellationToken));
            }
        }

        return [.. trials.OrderByDescending(t => t.Metrics.Ndcg)];
    }

    /// <summary>
    /// Coordinate search on log grids within a budget. The starting point (the serving values) is tried first. Then,
    /// from the best point so far, its neighbours on the grids: the next lower and higher lambda, the same for alpha,
    /// and both together (c = 1 + alpha r grows with alpha, so a larger alpha usually wants a larger lambda: the diagonal
    /// keeps the regularisation relative to the confidences); the search moves to the best neighbour while one improves
    /// NDCG@K. When none does, the rank's neighbours are tried (the costliest trials, and the least sensitive), and the
    /// alpha/lambda moves resume if one of them improved. It stops after <see cref="AlsSearchSpace.MaxTrials"/> trials,
    /// when <see cref="AlsSearchSpace.Budget"/> has passed, or at a point no neighbour improves. Because the start is a
    /// trial, the chosen point is never worse than the serving values on this split. Returns the trials in the order
    /// tried; <see cref="Best"/> picks the chosen one.
    /// </summary>
    public static IReadOnlyList<AlsSearchTrial> Coordinate(
        HoldoutSplit split,
        ImplicitAlsOptions start,
        AlsSearchSpace space,
        FeedbackWeights? weights = null,
        int cutoff = 10,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(space.MaxTrials, 1);
        time ??= TimeProvider.System;
        var began = time.GetTimestamp();
        var train = InteractionMatrix.FromInteractions(split.Train, weights);
        var trials = new List<AlsSearchTrial>();
        var tried = new HashSet<(int, float, float)>();

        bool CanTry() => trials.Count < space.MaxTrials && (trials.Count == 0 || time.GetElapsedTime(began) < space.Budget);

        var best = Trial(split, train, start, cutoff, cancellationToken);
        trials.Add(best);
        tried.Add((start.Rank, start.Alpha, start.Regularization));
        var current = start;

        // Tries the candidates in order; moves to the best one that beats the current best. Returns whether it moved.
        bool Step(IEnumerable<ImplicitAlsOptions> candidates)
        {
            var moved = false;
            var from = current;
            foreach (var candidate in candidates)
            {
                if (!CanTry())
                {
                    break;
                }

                if (!tried.Add((candidate.Rank, candidate.Alpha, candidate.Regularization)))
                {
                    continue;
                }

                var trial = Trial(split, train, candidate, cutoff, cancellationToken);
                trials.Add(trial);
                if (trial.Metrics.Ndcg > best.Metrics.Ndcg)
                {
                    best = trial;
                    current = candidate;
                    moved = true;
                }
            }

            return moved && current != from;
        }

        while (CanTry())
        {
            if (Step(AlphaLambdaNeighbours(space, current)))
            {
                continue;
            }

            var ranks = space.Ranks.Select(r => (float)r).ToList();
            if (!Step(Neighbours(ranks, current.Rank).Select(r => current with { Rank = (int)r })))
            {
                break;
            }
        }

        return trials;
    }

    private static IEnumerable<ImplicitAlsOptions> AlphaLambdaNeighbours(AlsSearchSpace space, ImplicitAlsOptions at)
    {
        var lambdas = Neighbours(space.Regularizations, at.Regularization).ToList();
        var alphas = Neighbours(space.Alphas, at.Alpha).ToList();
        foreach (var lambda in lambdas)
        {
            yield return at with { Regularization = lambda };
        }

        foreach (var alpha in alphas)
        {
            yield return at with { Alpha = alpha };
        }

        // The diagonal: alpha and lambda one step in the same direction.
        foreach (var alpha in alphas)
        {
            foreach (var lambda in lambdas)
            {
                if ((alpha > at.Alpha) == (lambda > at.Regularization))
                {
                    yield return at with { Alpha = alpha, Regularization = lambda };
                }
            }
        }
    }

    /// <summary>The trial with the highest NDCG, the earliest among equals.</summary>
    public static AlsSearchTrial Best(IReadOnlyList<AlsSearchTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (trials.Count == 0)
        {
            throw new ArgumentException("No trials.", nameof(trials));
        }

        var best = trials[0];
        foreach (var trial in trials)
        {
            if (trial.Metrics.Ndcg > best.Metrics.Ndcg)
            {
                best = trial;
            }
        }

        return best;
    }

    // The next grid value below and above `value` (the value itself need not be on the grid).
    private static IEnumerable<float> Neighbours(IReadOnlyList<float> grid, float value)
    {
        var below = grid.Where(g => g < value * 0.999f).DefaultIfEmpty(float.NaN).Max();
        var above = grid.Where(g => g > value * 1.001f).DefaultIfEmpty(float.NaN).Min();
        if (!float.IsNaN(below))
        {
            yield return below;
        }

        if (!float.IsNaN(above))
        {
            yield return above;
        }
    }

    private static AlsSearchTrial Trial(HoldoutSplit split, InteractionMatrix train, ImplicitAlsOptions options, int cutoff, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var model = new ImplicitAlsTrainer(options).Train(train, cancellationToken: cancellationToken);
        var metrics = RecommenderEvaluator.EvaluateModel(split, model, train, cutoff);
        return new AlsSearchTrial(options.Alpha, options.Regularization, metrics, options.Rank, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
