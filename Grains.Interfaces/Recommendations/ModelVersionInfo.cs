namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>One trained recommender model.</summary>
/// <param name="Version">Increasing version number (1, 2, ...).</param>
/// <param name="TrainedAt">When training finished.</param>
/// <param name="TrainingMs">Wall time of training and evaluation.</param>
/// <param name="Interactions">Events in the training snapshot.</param>
/// <param name="Users">Users in it.</param>
/// <param name="Products">Products the model knows.</param>
/// <param name="Rank">Latent factors.</param>
/// <param name="Alpha">Confidence slope used.</param>
/// <param name="Regularization">Lambda used.</param>
/// <param name="Iterations">ALS sweeps.</param>
/// <param name="Metrics">The model on the holdout (null when too few users to evaluate).</param>
/// <param name="PopularityMetrics">Time-decayed popularity on the same holdout.</param>
/// <param name="PlainPopularityMetrics">Plain popularity (count of interactions in the training split, seen items excluded) on the same holdout.</param>
/// <param name="Search">The trials of the hyper-parameter search that chose Rank, Alpha and Regularization for this version, in the order tried; null when the version reused the values chosen before.</param>
/// <param name="NewestEventAt">Event time of the newest event in the training snapshot.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record ModelVersionInfo(
    [property: Orleans.Id(0)] int Version,
    [property: Orleans.Id(1)] DateTimeOffset TrainedAt,
    [property: Orleans.Id(2)] double TrainingMs,
    [property: Orleans.Id(3)] long Interactions,
    [property: Orleans.Id(4)] int Users,
    [property: Orleans.Id(5)] int Products,
    [property: Orleans.Id(6)] int Rank,
    [property: Orleans.Id(7)] float Alpha,
    [property: Orleans.Id(8)] float Regularization,
    [property: Orleans.Id(9)] int Iterations,
    [property: Orleans.Id(10)] RankingSummary? Metrics,
    [property: Orleans.Id(11)] RankingSummary? PopularityMetrics,
    [property: Orleans.Id(12)] RankingSummary? PlainPopularityMetrics = null,
    [property: Orleans.Id(13)] IReadOnlyList<HyperparameterTrial>? Search = null,
    [property: Orleans.Id(14)] DateTimeOffset? NewestEventAt = null);
