namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Everything a topic grain knows: trend, timeline (1-minute buckets, oldest first), sentiment, terms, forecast.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record TopicDetails(
    [property: Orleans.Id(0)] string Topic,
    [property: Orleans.Id(1)] double TrendScore,
    [property: Orleans.Id(2)] bool Trending,
    [property: Orleans.Id(3)] DateTimeOffset? BurstStartedAt,
    [property: Orleans.Id(4)] long TotalPosts,
    [property: Orleans.Id(5)] IReadOnlyList<TimelinePoint> Timeline,
    [property: Orleans.Id(6)] SentimentDistribution Sentiment,
    [property: Orleans.Id(7)] IReadOnlyList<TermCount> CooccurringTerms,
    [property: Orleans.Id(8)] VolumeForecast Forecast);
