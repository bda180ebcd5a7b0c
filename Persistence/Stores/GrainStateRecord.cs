namespace StreamOrleans.Persistence.Stores;

/// <summary>A grain state as the stores see it.</summary>
/// <param name="Payload">The state serialized as UTF-8 JSON.</param>
/// <param name="StreamPositions">
/// Stream positions stored in the same row as the payload, keyed "topic/partition". The Orleans storage provider
/// keeps a grain's applied positions inside the JSON payload instead and writes none here.
/// </param>
/// <param name="Etag">The stored version (set by the stores on read; ignored on write).</param>
public sealed record GrainStateRecord(ReadOnlyMemory<byte> Payload, IReadOnlyDictionary<string, long> StreamPositions, string? Etag = null);
