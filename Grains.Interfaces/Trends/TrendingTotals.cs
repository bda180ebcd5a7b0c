namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Posts seen by the ranking grain and topics its top-K monitors.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record TrendingTotals([property: Orleans.Id(0)] long Posts, [property: Orleans.Id(1)] int MonitoredTopics);
