namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>GET /api/models/sentiment: the learned model's prequential quality and its weight in the combination.</summary>
public sealed record SentimentModelResponse(long LabelledPosts, double Accuracy, double MacroF1, double WindowAccuracy, double WindowMacroF1, double LearnedWeight);
