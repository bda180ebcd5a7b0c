namespace StreamOrleans.Runtime;

/// <summary>A grain state as storage sees it.</summary>
/// <param name="Payload">The state serialized as UTF-8 JSON.</param>
/// <param name="StreamPositions">
/// Last applied offset per source stream partition, keyed "topic/partition"; written in the same row as the payload.
/// </param>
/// <param name="Etag">The stored version (set by providers on read; ignored on write).</param>
public sealed record GrainStateRecord(ReadOnlyMemory<byte> Payload, IReadOnlyDictionary<string, long> StreamPositions, string? Etag = null);
