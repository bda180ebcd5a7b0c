namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Combined sentiment of a topic's posts: the mean in [-1, 1] and how many were positive, neutral, negative.</summary>
public sealed record SentimentDistribution(double Mean, long Positive, long Neutral, long Negative);
