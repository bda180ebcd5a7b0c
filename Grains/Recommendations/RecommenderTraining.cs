using System.Diagnostics;
using System.Runtime.InteropServices;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// One training run of a model version, off the grain's turn: evaluate on a leave-last-out holdout (the model trained on
/// the training side vs time-decayed popularity), then train on every event for serving, warm-started from the serving
/// version's item factors.
/// </summary>
internal static class RecommenderTraining
{
    public static StoredModelVersion Run(
        Interaction[] snapshot, RecommendationsOptions options, ImplicitAlsModel? warmStart, int version, TimeProvider time, CancellationToken cancellationToken)
    {
        using var activity = RecommendationsTelemetry.Source.StartActivity("recommender.train");
        activity?.SetTag("recommender.version", version);
        activity?.SetTag("recommender.interactions", snapshot.Length);
        var started = Stopwatch.GetTimestamp();
        var weights = new FeedbackWeights { ViewWeight = options.ViewWeight };
        var als = AlsOptions(options);

        RankingSummary? metrics = null, popularity = null;
        var split = HoldoutSplit.LastPerUser(snapshot, options.HoldoutPerUser, weights);
        if (split.Test.Count > 0)
        {
            var evaluation = RecommenderEvaluator.EvaluateAgainstPopularity(split, als, options.PopularityHalfLife, weights, 10, cancellationToken);
            metrics = Summary(evaluation.Model);
            popularity = Summary(evaluation.Popularity);
        }

        var matrix = InteractionMatrix.FromInteractions(snapshot, weights);
        var model = new ImplicitAlsTrainer(als).Train(matrix, warmStart is { } w && w.Rank == als.Rank ? w : null, cancellationToken: cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var info = new ModelVersionInfo(
            version, time.GetUtcNow(), elapsed.TotalMilliseconds, snapshot.Length, matrix.Users.Count, matrix.Items.Count,
            als.Rank, als.Alpha, als.Regularization, als.Iterations, metrics, popularity);
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
        var als = AlsOptions(options) with { Rank = stored.Info.Rank, Alpha = stored.Info.Alpha, Regularization = stored.Info.Regularization };
        var model = new ImplicitAlsModel(new IdIndex(), new IdIndex(stored.ProductIds), stored.Info.Rank, [], factors, als);
        return new ServingModel(stored.Info.Version, new RecommenderModel(model));
    }

    private static ImplicitAlsOptions AlsOptions(RecommendationsOptions options) => new()
    {
        Rank = options.Rank,
        Iterations = options.Iterations,
        Regularization = options.Regularization,
        Alpha = options.Alpha,
    };

    private static RankingSummary Summary(RankingMetrics m) => new(m.Precision, m.Recall, m.Ndcg, m.MeanAveragePrecision, m.Users);
}
