namespace StreamOrleans.Runtime;

/// <summary>
/// A grain-state storage provider. Works in serialized bytes: <see cref="IPersistentState{TState}"/> serializes the
/// state with System.Text.Json and passes it here together with the grain's stream positions, which providers
/// store in the same row so state and applied offsets are always written atomically (exactly-once effect).
/// </summary>
public interface IGrainStorage
{
    /// <summary>The stored record, or null when there is none.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the record if the stored ETag equals <paramref name="expectedEtag"/> (null: no record may exist yet).
    /// Returns the new ETag.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string> WriteAsync(GrainId grainId, string stateName, GrainStateRecord record, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if the stored ETag equals <paramref name="expectedEtag"/>.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Deletes every record of a grain type (used to rebuild models from the log). Returns how many went.</summary>
    Task<int> ClearAllAsync(string grainType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every record whose JSON payload says it applied events of <paramref name="topic"/> (property
    /// <c>applied.byTopic.{topic}</c>, as written by the Orleans exactly-once helper), or only those whose stream is in
    /// <paramref name="partition"/>: rebuilding models from the log.
    /// Returns how many went.
    /// </summary>
    Task<int> ClearAppliedTopicAsync(string topic, int? partition = null, CancellationToken cancellationToken = default);
}
