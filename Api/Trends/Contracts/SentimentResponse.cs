namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>Sentiment of a text: lexicon (VADER compound), learned polarity (null before any label), combined, the learned weight, and a label.</summary>
public sealed record SentimentResponse(double Lexicon, double? Learned, double Combined, double LearnedWeight, string Label);
