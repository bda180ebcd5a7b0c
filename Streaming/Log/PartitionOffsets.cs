namespace StreamOrleans.Streaming.Log;

/// <summary>Retained range of one partition: records [<see cref="StartOffset"/>, <see cref="EndOffset"/>) exist.</summary>
public readonly record struct PartitionOffsets(int Partition, long StartOffset, long EndOffset);
