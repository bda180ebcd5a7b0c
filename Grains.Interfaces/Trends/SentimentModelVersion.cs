namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>
/// One retraining of the learned sentiment models from the labelled posts in the log: the ML.NET text classifier and
/// the FTRL model trained on the same older posts, both scored with VADER on the newest posts held out; the better
/// learned model (by macro-F1) serves.
/// </summary>
/// <param name="Version">Increasing version number on this silo (1, 2, ...).</param>
/// <param name="TrainedAt">When training finished.</param>
/// <param name="TrainingMs">Wall time of training and evaluation.</param>
/// <param name="TrainPosts">Labelled posts trained on.</param>
/// <param name="HoldoutPosts">Newest labelled posts held out.</param>
/// <param name="MlNet">The ML.NET classifier (FeaturizeText + SDCA maximum entropy) on the holdout.</param>
/// <param name="Ftrl">The online FTRL model, trained in log order on the same posts, on the holdout.</param>
/// <param name="Vader">VADER's lexicon alone on the holdout (the baseline).</param>
/// <param name="Served">"mlnet" or "ftrl": the learned model that serves from this version on.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record SentimentModelVersion(
    [property: Orleans.Id(0)] int Version,
    [property: Orleans.Id(1)] DateTimeOffset TrainedAt,
    [property: Orleans.Id(2)] double TrainingMs,
    [property: Orleans.Id(3)] int TrainPosts,
    [property: Orleans.Id(4)] int HoldoutPosts,
    [property: Orleans.Id(5)] SentimentHoldoutScores MlNet,
    [property: Orleans.Id(6)] SentimentHoldoutScores Ftrl,
    [property: Orleans.Id(7)] SentimentHoldoutScores Vader,
    [property: Orleans.Id(8)] string Served);
