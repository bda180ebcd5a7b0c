namespace StreamOrleans.Runtime.Streams;

/// <summary>Where a delivered event came from.</summary>
/// <param name="Topic">Source topic.</param>
/// <param name="Partition">Source partition.</param>
/// <param name="Offset">Offset in the partition.</param>
/// <param name="RecordKey">The record's key (may differ from the grain key when a router fans out).</param>
/// <param name="Timestamp">Log-append time.</param>
/// <param name="Headers">Record headers.</param>
public sealed record StreamEventContext(string Topic, int Partition, long Offset, string RecordKey, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string> Headers);
