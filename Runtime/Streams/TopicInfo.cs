namespace StreamOrleans.Runtime.Streams;

/// <summary>A topic's configuration.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Number of partitions (fixed at creation).</param>
/// <param name="CreatedAt">When the topic was created.</param>
public sealed record TopicInfo(string Name, int Partitions, DateTimeOffset CreatedAt);
