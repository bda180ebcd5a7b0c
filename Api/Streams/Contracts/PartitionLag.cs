namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>
/// A group's committed offset on one partition (the next offset it will read; null when it never committed, in which
/// case it reads from the start) and its lag: retained records it has not read yet.
/// </summary>
public sealed record PartitionLag(int Partition, long? CommittedOffset, long Lag);
