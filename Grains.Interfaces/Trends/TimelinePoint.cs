namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>One 1-minute bucket of a topic: posts and their mean combined sentiment (null when empty).</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record TimelinePoint([property: Orleans.Id(0)] DateTimeOffset Start, [property: Orleans.Id(1)] long Count, [property: Orleans.Id(2)] double? Sentiment);
