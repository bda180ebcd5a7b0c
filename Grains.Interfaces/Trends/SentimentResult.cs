namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Sentiment of one text: the lexicon's compound score, the learned model's polarity (positive minus negative
/// probability, null before it has learned anything), and the combination topics report, each in [-1, 1].</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record SentimentResult([property: Orleans.Id(0)] double Lexicon, [property: Orleans.Id(1)] double? Learned, [property: Orleans.Id(2)] double Combined, [property: Orleans.Id(3)] double LearnedWeight, [property: Orleans.Id(4)] string Label);
