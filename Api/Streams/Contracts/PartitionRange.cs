namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>Records [StartOffset, EndOffset) of a partition are retained; EndOffset is the next offset to be written.</summary>
public sealed record PartitionRange(int Partition, long StartOffset, long EndOffset);
