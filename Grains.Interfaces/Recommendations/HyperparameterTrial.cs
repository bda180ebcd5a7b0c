namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>One point a hyper-parameter search tried on its holdout.</summary>
/// <param name="Rank">Latent factors.</param>
/// <param name="Alpha">Confidence slope.</param>
/// <param name="Regularization">Lambda.</param>
/// <param name="Ndcg10">Holdout NDCG@10 of the model trained with them.</param>
/// <param name="TrainingMs">Wall time of the trial.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record HyperparameterTrial(
    [property: Orleans.Id(0)] int Rank,
    [property: Orleans.Id(1)] float Alpha,
    [property: Orleans.Id(2)] float Regularization,
    [property: Orleans.Id(3)] double Ndcg10,
    [property: Orleans.Id(4)] double TrainingMs);
