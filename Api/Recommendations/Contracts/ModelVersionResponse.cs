namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>One model version with its training figures and evaluation (model and popularity baseline).</summary>
public sealed record ModelVersionResponse(
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
    RankingMetricsResponse? Metrics,
    RankingMetricsResponse? PopularityMetrics);
