using StreamOrleans.Grains.Interfaces.Recommendations;

namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>
/// One model version with its training figures and evaluation: the model, time-decayed popularity and plain popularity
/// (count of interactions in the training split) on the same holdout; the search trials when a search chose its values.
/// </summary>
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
    RankingMetricsResponse? PopularityMetrics,
    RankingMetricsResponse? PlainPopularityMetrics,
    IReadOnlyList<HyperparameterTrial>? Search,
    DateTimeOffset? NewestEventAt);
