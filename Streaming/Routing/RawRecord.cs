namespace StreamOrleans.Streaming.Routing;

/// <summary>
/// A record of a raw topic (<see cref="Configuration.LogTopic.Raw"/>) as its consumer gets it: the value's bytes as
/// the producer wrote them, its headers and its append time. Produced to a raw topic, it becomes a record with that
/// value and those headers (the append time is the log's).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class RawRecord
{
    /// <summary>Creates a record.</summary>
    public RawRecord(byte[] value, IReadOnlyDictionary<string, string>? headers = null, DateTimeOffset timestamp = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Headers = headers is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(headers, StringComparer.Ordinal);
        Timestamp = timestamp;
    }

    /// <summary>The value's bytes.</summary>
    [Id(0)]
    public byte[] Value { get; }

    /// <summary>The record's headers (trace context included).</summary>
    [Id(1)]
    public Dictionary<string, string> Headers { get; }

    /// <summary>When the log appended it.</summary>
    [Id(2)]
    public DateTimeOffset Timestamp { get; }
}
