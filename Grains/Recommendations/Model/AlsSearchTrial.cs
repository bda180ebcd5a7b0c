namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>One grid point of <see cref="AlsHyperparameterSearch"/> and its holdout metrics.</summary>
/// <param name="Alpha">Confidence slope tried.</param>
/// <param name="Regularization">Lambda tried.</param>
/// <param name="Metrics">Holdout metrics of the model trained with them.</param>
public sealed record AlsSearchTrial(float Alpha, float Regularization, RankingMetrics Metrics);
