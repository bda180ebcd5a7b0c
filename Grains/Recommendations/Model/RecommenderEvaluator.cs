namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// Offline evaluation on a <see cref="HoldoutSplit"/>: each evaluated user's top-K list (excluding items the user
/// already has in training, for every recommender alike) is scored against the held-out items with
/// <see cref="RankingMeasures"/>, and the means are reported.
/// </summary>
public static class RecommenderEvaluator
{
    /// <summary>Mean metrics of <paramref name="recommend"/> (user id, K -&gt; ranked item ids) over the split's users.</summary>
    public static RankingMetrics Evaluate(HoldoutSplit split, Func<string, int, IReadOnlyList<string>> recommend, int cutoff = 10)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(recommend);
        ArgumentOutOfRangeException.ThrowIfLessThan(cutoff, 1);
        double precision = 0d, recall = 0d, ndcg = 0d, map = 0d;
        var users = 0;
        foreach (var (user, relevant) in split.Test.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (relevant.Count == 0)
            {
                continue;
            }

            var ranked = recommend(user, cutoff);
            precision += RankingMeasures.Precision(ranked, relevant, cutoff);
            recall += RankingMeasures.Recall(ranked, relevant, cutoff);
            ndcg += RankingMeasures.Ndcg(ranked, relevant, cutoff);
            map += RankingMeasures.AveragePrecision(ranked, relevant, cutoff);
            users++;
        }

        return users == 0
            ? new RankingMetrics(cutoff, 0d, 0d, 0d, 0d, 0)
            : new RankingMetrics(cutoff, precision / users, recall / users, ndcg / users, map / users, users);
    }

    /// <summary>Trains ALS on the split's training side and evaluates it, time-decayed and plain popularity on the held-out items.</summary>
    public static ModelEvaluation EvaluateAgainstPopularity(
        HoldoutSplit split,
        ImplicitAlsOptions options,
        TimeSpan popularityHalfLife,
        FeedbackWeights? weights = null,
        int cutoff = 10,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        var train = InteractionMatrix.FromInteractions(split.Train, weights);
        var model = new ImplicitAlsTrainer(options).Train(train, cancellationToken: cancellationToken);
        return new ModelEvaluation(
            EvaluateModel(split, model, train, cutoff),
            EvaluatePopularity(split, popularityHalfLife, train, weights, cutoff),
            EvaluatePlainPopularity(split, train, weights, cutoff));
    }

    /// <summary>Metrics of a model trained on <paramref name="train"/> (the split's training side): each user's trained vector.</summary>
    public static RankingMetrics EvaluateModel(HoldoutSplit split, ImplicitAlsModel model, InteractionMatrix train, int cutoff = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        var topN = new TopNRecommender(model);
        return Evaluate(
            split,
            (userId, k) =>
            {
                if (!train.Users.TryGetIndex(userId, out var user) || !model.Users.TryGetIndex(userId, out var modelUser))
                {
                    return [];
                }

                // Exclusions are the user's training items, translated from the matrix's item indexes to the model's.
                var seen = new HashSet<int>();
                foreach (var item in train.ByUser.RowColumns(user))
                {
                    if (model.Items.TryGetIndex(train.Items[item], out var modelItem))
                    {
                        seen.Add(modelItem);
                    }
                }

                var top = topN.TopIndexes(model.UserVector(modelUser), k, seen.Contains);
                return Array.ConvertAll(top, i => model.Items[i]);
            },
            cutoff);
    }

    /// <summary>Metrics of time-decayed popularity built from the split's training side.</summary>
    public static RankingMetrics EvaluatePopularity(
        HoldoutSplit split, TimeSpan halfLife, InteractionMatrix train, FeedbackWeights? weights = null, int cutoff = 10)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(train);
        var popularity = new TimeDecayedPopularity(halfLife, weights);
        foreach (var interaction in split.Train)
        {
            popularity.Add(interaction);
        }

        return Evaluate(
            split,
            (userId, k) =>
            {
                if (!train.Users.TryGetIndex(userId, out var user))
                {
                    return popularity.Top(k);
                }

                var seen = SeenItems(train, user);
                return popularity.Top(k, id => train.Items.TryGetIndex(id, out var item) && seen.Contains(item));
            },
            cutoff);
    }

    /// <summary>
    /// Metrics of plain popularity built from the split's training side: items ranked by their count of interactions
    /// (positive weight), each user's training items excluded, as for every recommender here.
    /// </summary>
    public static RankingMetrics EvaluatePlainPopularity(HoldoutSplit split, InteractionMatrix train, FeedbackWeights? weights = null, int cutoff = 10)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(train);
        var popularity = new InteractionCountPopularity(weights);
        foreach (var interaction in split.Train)
        {
            popularity.Add(interaction);
        }

        return Evaluate(
            split,
            (userId, k) =>
            {
                if (!train.Users.TryGetIndex(userId, out var user))
                {
                    return popularity.Top(k);
                }

                var seen = SeenItems(train, user);
                return popularity.Top(k, id => train.Items.TryGetIndex(id, out var item) && seen.Contains(item));
            },
            cutoff);
    }

    private static HashSet<int> SeenItems(InteractionMatrix train, int user) => [.. train.ByUser.RowColumns(user)];
}
