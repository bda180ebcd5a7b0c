namespace StreamOrleans.Api.Counters.Contracts;

/// <summary>A diagnostic counter's totals.</summary>
/// <param name="Key">The counter's key (the events' record key).</param>
/// <param name="Count">Events applied.</param>
/// <param name="Sum">Sum of their amounts.</param>
public sealed record CounterResponse(string Key, long Count, long Sum);
