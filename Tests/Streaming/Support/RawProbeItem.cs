namespace StreamOrleans.Tests.Streaming.Support;

/// <summary>One raw record as <see cref="RawProbeGrain"/> stored it.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record RawProbeItem([property: Orleans.Id(0)] byte[] Value, [property: Orleans.Id(1)] Dictionary<string, string> Headers);
