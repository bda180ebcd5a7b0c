namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>A consumer group's position on a topic.</summary>
/// <param name="Group">Group name.</param>
/// <param name="TotalLag">Sum of the partitions' lags.</param>
/// <param name="Partitions">Committed offset and lag of each partition.</param>
public sealed record ConsumerGroupLag(string Group, long TotalLag, IReadOnlyList<PartitionLag> Partitions);
