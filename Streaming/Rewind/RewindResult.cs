namespace StreamOrleans.Streaming.Rewind;

/// <summary>What a rewind did: the consumer group's new committed offset per partition and how many grain states it deleted.</summary>
/// <param name="Topic">The topic rewound.</param>
/// <param name="Offsets">New committed offset by partition (the next record each partition delivers).</param>
/// <param name="StatesDeleted">Grain states deleted to be rebuilt (0 without reset).</param>
[GenerateSerializer, Immutable]
public sealed record RewindResult(
    [property: Id(0)] string Topic,
    [property: Id(1)] IReadOnlyDictionary<int, long> Offsets,
    [property: Id(2)] int StatesDeleted);
