namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>An offset of one partition.</summary>
public sealed record PartitionOffset(int Partition, long Offset);
