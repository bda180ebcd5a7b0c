namespace StreamOrleans.Grains.Interfaces.Diagnostics;

/// <summary>A counter's totals.</summary>
/// <param name="Count">Events applied.</param>
/// <param name="Sum">Sum of their amounts.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record CounterSnapshot([property: Orleans.Id(0)] long Count, [property: Orleans.Id(1)] long Sum);
