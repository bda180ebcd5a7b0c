namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Posts seen by the ranking grain and topics its top-K monitors.</summary>
/// <param name="Posts">Posts seen.</param>
/// <param name="MonitoredTopics">Topics the top-K monitors.</param>
/// <param name="EventTime">The ranking's event-time "now" (newest post, running on while the stream is live); null before the first post.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record TrendingTotals([property: Orleans.Id(0)] long Posts, [property: Orleans.Id(1)] int MonitoredTopics, [property: Orleans.Id(2)] DateTimeOffset? EventTime = null);
