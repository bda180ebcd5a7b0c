namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>A topic's partitions and the progress of every consumer group reading it.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="CreatedAt">When the topic was created.</param>
/// <param name="Partitions">Retained range of each partition.</param>
/// <param name="ConsumerGroups">Each group that committed an offset, with its lag.</param>
public sealed record TopicResponse(string Name, DateTimeOffset CreatedAt, IReadOnlyList<PartitionRange> Partitions, IReadOnlyList<ConsumerGroupLag> ConsumerGroups);
