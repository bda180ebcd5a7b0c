namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>One point tried by <see cref="AlsHyperparameterSearch"/> and its holdout metrics.</summary>
/// <param name="Alpha">Confidence slope tried.</param>
/// <param name="Regularization">Lambda tried.</param>
/// <param name="Metrics">Holdout metrics of the model trained with them.</param>
/// <param name="Rank">Latent factors tried.</param>
/// <param name="TrainingMs">Wall time of the trial's training and evaluation.</param>
public sealed record AlsSearchTrial(float Alpha, float Regularization, RankingMetrics Metrics, int Rank = 64, double TrainingMs = 0d);
