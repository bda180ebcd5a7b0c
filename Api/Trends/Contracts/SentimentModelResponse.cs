using StreamOrleans.Grains.Interfaces.Trends;

namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>
/// GET /api/models/sentiment: which learned model serves ("mlnet" or "ftrl") and its weight in the combination, the
/// online FTRL model's prequential quality, and the kept versions (newest first) with ML.NET, FTRL and VADER scored on
/// the same holdout.
/// </summary>
public sealed record SentimentModelResponse(
    long LabelledPosts,
    double Accuracy,
    double MacroF1,
    double WindowAccuracy,
    double WindowMacroF1,
    double LearnedWeight,
    string Served,
    IReadOnlyList<SentimentModelVersion> Versions);
