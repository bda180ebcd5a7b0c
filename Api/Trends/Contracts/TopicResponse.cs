namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>GET /api/topics/{topic}.</summary>
public sealed record TopicResponse(
    string Topic,
    double TrendScore,
    bool Trending,
    DateTimeOffset? BurstStartedAt,
    long TotalPosts,
    IReadOnlyList<TimelinePointResponse> Timeline,
    SentimentDistributionResponse Sentiment,
    IReadOnlyList<TermCountResponse> CooccurringTerms,
    ForecastResponse Forecast);
