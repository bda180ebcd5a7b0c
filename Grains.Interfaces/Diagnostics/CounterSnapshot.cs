namespace StreamOrleans.Grains.Interfaces.Diagnostics;

/// <summary>A counter's totals.</summary>
/// <param name="Count">Events applied.</param>
/// <param name="Sum">Sum of their amounts.</param>
public sealed record CounterSnapshot(long Count, long Sum);
