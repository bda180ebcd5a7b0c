namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Posts seen by the ranking grain and topics its top-K monitors.</summary>
public sealed record TrendingTotals(long Posts, int MonitoredTopics);
