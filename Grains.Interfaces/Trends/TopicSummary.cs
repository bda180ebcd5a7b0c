namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A topic over a recent window: trend score, posts in the window, mean combined sentiment, burst state.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record TopicSummary([property: Orleans.Id(0)] string Topic, [property: Orleans.Id(1)] double TrendScore, [property: Orleans.Id(2)] long Volume, [property: Orleans.Id(3)] double? Sentiment, [property: Orleans.Id(4)] bool Trending, [property: Orleans.Id(5)] long TotalPosts);
