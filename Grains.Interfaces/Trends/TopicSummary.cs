namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A topic over a recent window: trend score, posts in the window, mean combined sentiment, burst state.</summary>
public sealed record TopicSummary(string Topic, double TrendScore, long Volume, double? Sentiment, bool Trending, long TotalPosts);
