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
public sealed record ModelVersionInfo(
    int Version,
    DateTimeOffset TrainedAt,
    double TrainingMs,
    long Interactions,
    int Users,
    int Products,
    int Rank,
    float Alpha,
    float Regularization,
    int Iterations,
    RankingSummary? Metrics,
    RankingSummary? PopularityMetrics);
