namespace StreamOrleans.Streaming.Log;

/// <summary>A record to append: a key (which picks the partition), an opaque value and optional headers.</summary>
/// <param name="Key">Partitioning key; also the default grain key of implicit subscriptions.</param>
/// <param name="Value">The payload, usually UTF-8 JSON; opaque to the log.</param>
/// <param name="Headers">Optional metadata (content type, trace context, capture time...).</param>
public sealed record StreamRecord(string Key, ReadOnlyMemory<byte> Value, IReadOnlyDictionary<string, string>? Headers = null);
