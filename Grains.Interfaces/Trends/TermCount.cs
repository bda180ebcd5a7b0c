namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A term seen together with a topic, with its (approximate, Space-Saving) count.</summary>
public sealed record TermCount(string Term, long Count);
