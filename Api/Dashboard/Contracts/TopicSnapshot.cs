namespace StreamOrleans.Api.Dashboard.Contracts;

/// <summary>One topic in a system snapshot.</summary>
/// <param name="Topic">Topic name.</param>
/// <param name="Partitions">Partition count.</param>
/// <param name="EndOffset">Sum of the partitions' end offsets: events ever appended.</param>
/// <param name="EventsPerSecond">Appends per second since the previous snapshot (0 in the first).</param>
/// <param name="Lag">Largest total lag of any consumer group of the topic (events appended but not yet committed).</param>
public sealed record TopicSnapshot(string Topic, int Partitions, long EndOffset, double EventsPerSecond, long Lag);
