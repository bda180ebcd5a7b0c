namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// One record as it travels from the log to a consumer grain: its offset, append time, the original JSON value and
/// the trace context of its producer. The value stays plain bytes (what any Kafka producer wrote); it is decoded
/// once on the silo that reads the queue and again only if the delivery crosses to another silo.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LogEvent
{
    /// <summary>Creates a record.</summary>
    public LogEvent(long offset, DateTimeOffset timestamp, byte[] value, string? traceParent, string? traceState)
    {
        Offset = offset;
        Timestamp = timestamp;
        Value = value;
        TraceParent = traceParent;
        TraceState = traceState;
    }

    /// <summary>The record's offset in its partition.</summary>
    [Id(0)]
    public long Offset { get; }

    /// <summary>When the log appended it.</summary>
    [Id(1)]
    public DateTimeOffset Timestamp { get; }

    /// <summary>The record's value (UTF-8 JSON).</summary>
    [Id(2)]
    public byte[] Value { get; }

    /// <summary>W3C traceparent of the producer, when it sent one.</summary>
    [Id(3)]
    public string? TraceParent { get; }

    /// <summary>W3C tracestate of the producer, when it sent one.</summary>
    [Id(4)]
    public string? TraceState { get; }

    /// <summary>The record's headers other than the trace context (raw topics carry metadata there); null when none.</summary>
    [Id(5)]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>The decoded and validated event, on the silo that read it (not serialized).</summary>
    [NonSerialized]
    internal object? Decoded;

    /// <summary>A record value as an array: the log's own array when it is whole (records are immutable), else a copy.</summary>
    internal static byte[] ValueArray(ReadOnlyMemory<byte> value) =>
        value.Length == 0 ? []
        : System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length ? whole.Array
        : value.ToArray();
}
