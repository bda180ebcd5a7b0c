namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Sentiment of one text: the lexicon's compound score, the learned model's polarity (positive minus negative
/// probability, null before it has learned anything), and the combination topics report, each in [-1, 1].</summary>
public sealed record SentimentResult(double Lexicon, double? Learned, double Combined, double LearnedWeight, string Label);
