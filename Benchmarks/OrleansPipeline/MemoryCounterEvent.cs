namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>
/// The memory-stream twin of <c>CounterEvent</c>: memory streams carry events through Orleans' serializer, which
/// needs a generated codec (the log carries the same event as JSON bytes).
/// </summary>
/// <param name="Amount">Added to the counter of the stream's key.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record MemoryCounterEvent([property: Orleans.Id(0)] long Amount);
