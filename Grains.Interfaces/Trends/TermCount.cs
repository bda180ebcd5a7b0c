namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>A term seen together with a topic, with its (approximate, Space-Saving) count.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record TermCount([property: Orleans.Id(0)] string Term, [property: Orleans.Id(1)] long Count);
