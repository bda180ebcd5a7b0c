namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>What a binary search over a partition looks at in one record.</summary>
/// <param name="Offset">The record's offset.</param>
/// <param name="Timestamp">Log-append time, unix ms (monotonic per partition).</param>
/// <param name="BytesThrough">Running total of record bytes in the partition through this record (monotonic).</param>
/// <param name="Size">This record's key + value + header bytes.</param>
internal readonly record struct RecordProbe(long Offset, long Timestamp, long BytesThrough, long Size);
