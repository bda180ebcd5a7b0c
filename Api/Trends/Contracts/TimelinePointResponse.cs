namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>One 1-minute bucket: posts and their mean combined sentiment (null when empty).</summary>
public sealed record TimelinePointResponse(DateTimeOffset Start, long Count, double? Sentiment);
