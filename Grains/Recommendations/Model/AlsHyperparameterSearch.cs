namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Chooses alpha and lambda by evaluation: trains one model per grid point on the split's training side and keeps the
/// best NDCG@K on the held-out items. Both matter a lot and neither has a data-independent default: lambda competes
/// with the Gram matrix, whose scale grows with the number of users and items, so too small overfits and too large
/// shrinks every taste direction but popularity away (the model falls to the baseline).
/// </summary>
public static class AlsHyperparameterSearch
{
    /// <summary>Every (alpha, lambda) trial, best NDCG first; the best options are <c>baseOptions with { Alpha, Regularization }</c> of the first.</summary>
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
                var options = baseOptions with { Alpha = alpha, Regularization = regularization };
                var model = new ImplicitAlsTrainer(options).Train(train, cancellationToken: cancellationToken);
                trials.Add(new AlsSearchTrial(alpha, regularization, RecommenderEvaluator.EvaluateModel(split, model, train, cutoff)));
            }
        }

        return [.. trials.OrderByDescending(t => t.Metrics.Ndcg)];
    }
}
