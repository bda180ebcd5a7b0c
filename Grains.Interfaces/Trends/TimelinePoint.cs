namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>One 1-minute bucket of a topic: posts and their mean combined sentiment (null when empty).</summary>
public sealed record TimelinePoint(DateTimeOffset Start, long Count, double? Sentiment);
