namespace StreamOrleans.Streaming.Log;

/// <summary>A record as stored in the log, with its position and the time the log appended it.</summary>
/// <param name="Topic">Topic name.</param>
/// <param name="Partition">Partition index.</param>
/// <param name="Offset">Dense, per-partition position starting at 0.</param>
/// <param name="Timestamp">Log-append time (monotonic per partition), as Kafka's LogAppendTime.</param>
/// <param name="Key">Partitioning key.</param>
/// <param name="Value">Payload bytes.</param>
/// <param name="Headers">Metadata; empty when none.</param>
public sealed record LogRecord(
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    string Key,
    ReadOnlyMemory<byte> Value,
    IReadOnlyDictionary<string, string> Headers);
