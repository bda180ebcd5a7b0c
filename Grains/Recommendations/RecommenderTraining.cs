using System.Diagnostics;
using System.Runtime.InteropServices;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// One training run of a model version, off the grain's turn: on a leave-last-out holdout, optionally search rank,
/// alpha and lambda (<see cref="AlsHyperparameterSearch.Coordinate"/>, starting from the current values), evaluate the
/// model trained on the training side against time-decayed and plain popularity, then train on every event for
/// serving, warm-started from the serving version's item factors when the rank is unchanged.
/// </summary>
internal static class RecommenderTraining
{
    public static StoredModelVersion Run(
        Interaction[] snapshot,
        RecommendationsOptions options,
        TunedHyperparameters? tuned,
        bool search,
        ImplicitAlsModel? warmStart,
        int version,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var activity = RecommendationsTelemetry.Source.StartActivity("recommender.train");
        activity?.SetTag("recommender.version", version);
        activity?.SetTag("recommender.interactions", snapshot.Length);
        activity?.SetTag("recommender.search", search);
        var started = Stopwatch.GetTimestamp();
        var weights = new FeedbackWeights { ViewWeight = options.ViewWeight };
        var als = AlsOptions(options, tuned);

        RankingSummary? metrics = null, popularity = null, plain = null;
        List<HyperparameterTrial>? trials = null;
        var split = HoldoutSplit.LastPerUser(snapshot, options.HoldoutPerUser, weights);
        if (split.Test.Count > 0)
        {
            if (search)
            {
                var space = new AlsSearchSpace
                {
                    MaxTrials = options.SearchMaxTrials,
                    Budget = options.SearchBudget,
                    Ranks = [.. new AlsSearchSpace().Ranks.Where(r => r <= options.SearchMaxRank).DefaultIfEmpty(options.SearchMaxRank)],
                };
                var tried = AlsHyperparameterSearch.Coordinate(split, als, space, weights, 10, time, cancellationToken);
                var best = AlsHyperparameterSearch.Best(tried);
                als = als with { Rank = best.Rank, Alpha = best.Alpha, Regularization = best.Regularization };
                trials = [.. tried.Select(t => new HyperparameterTrial(t.Rank, t.Alpha, t.Regularization, t.Metrics.Ndcg, t.TrainingMs))];
            }

            var evaluation = RecommenderEvaluator.EvaluateAgainstPopularity(split, als, options.PopularityHalfLife, weights, 10, cancellationToken);
            metrics = Summary(evaluation.Model);
            popularity = Summary(evaluation.Popularity);
            plain = Summary(evaluation.PlainPopularity);
        }

        var matrix = InteractionMatrix.FromInteractions(snapshot, weights);
        var model = new ImplicitAlsTrainer(als).Train(matrix, warmStart is { } w && w.Rank == als.Rank ? w : null, cancellationToken: cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        DateTimeOffset? newest = snapshot.Length == 0 ? null : snapshot.Max(i => i.Timestamp);
        var info = new ModelVersionInfo(
            version, time.GetUtcNow(), elapsed.TotalMilliseconds, snapshot.Length, matrix.Users.Count, matrix.Items.Count,
            als.Rank, als.Alpha, als.Regularization, als.Iterations, metrics, popularity, plain, trials, newest);
        return new StoredModelVersion
        {
            Info = info,
            ProductIds = [.. model.Items.Ids],
            ItemFactors = MemoryMarshal.AsBytes(model.ItemFactors.Span).ToArray(),
        };
    }

    /// <summary>The serving model of a stored version (item factors only: user vectors come from fold-in).</summary>
    public static ServingModel Load(StoredModelVersion stored, RecommendationsOptions options)
    {
        var factors = MemoryMarshal.Cast<byte, float>(stored.ItemFactors).ToArray();
        var als = AlsOptions(options, null) with { Rank = stored.Info.Rank, Alpha = stored.Info.Alpha, Regularization = stored.Info.Regularization };
        var model = new ImplicitAlsModel(new IdIndex(), new IdIndex(stored.ProductIds), stored.Info.Rank, [], factors, als);
        return new ServingModel(stored.Info.Version, new RecommenderModel(model));
    }

    // The configured values until a search has chosen others.
    private static ImplicitAlsOptions AlsOptions(RecommendationsOptions options, TunedHyperparameters? tuned) => new()
    {
        Rank = tuned?.Rank ?? options.Rank,
        Iterations = options.Iterations,
        Regularization = tuned?.Regularization ?? options.Regularization,
        Alpha = tuned?.Alpha ?? options.Alpha,
    };

    private static RankingSummary Summary(RankingMetrics m) => new(m.Precision, m.Recall, m.Ndcg, m.MeanAveragePrecision, m.Users);
}
