namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Combined sentiment of a topic's posts: the mean in [-1, 1] and how many were positive, neutral, negative.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record SentimentDistribution([property: Orleans.Id(0)] double Mean, [property: Orleans.Id(1)] long Positive, [property: Orleans.Id(2)] long Neutral, [property: Orleans.Id(3)] long Negative);
