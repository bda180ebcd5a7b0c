namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>A topic in the trending list: trend score (z-score of its decayed rate), posts and mean sentiment in the window.</summary>
public sealed record TrendingTopicResponse(string Topic, double TrendScore, long Volume, double? Sentiment, bool Trending);
