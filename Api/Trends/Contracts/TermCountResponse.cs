namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>A term seen with the topic and its approximate count.</summary>
public sealed record TermCountResponse(string Term, long Count);
