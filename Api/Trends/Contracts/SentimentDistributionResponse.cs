namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>Mean combined sentiment of a topic's posts and how many were positive, neutral, negative.</summary>
public sealed record SentimentDistributionResponse(double Mean, long Positive, long Neutral, long Negative);
