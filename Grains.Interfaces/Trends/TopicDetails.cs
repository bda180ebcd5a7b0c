namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Everything a topic grain knows: trend, timeline (1-minute buckets, oldest first), sentiment, terms, forecast.</summary>
public sealed record TopicDetails(
    string Topic,
    double TrendScore,
    bool Trending,
    DateTimeOffset? BurstStartedAt,
    long TotalPosts,
    IReadOnlyList<TimelinePoint> Timeline,
    SentimentDistribution Sentiment,
    IReadOnlyList<TermCount> CooccurringTerms,
    VolumeForecast Forecast);
