namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>POST /api/sentiment body.</summary>
public sealed record SentimentRequest(string? Text);
