namespace StreamOrleans.Persistence.Stores;

/// <summary>
/// A store of serialized grain states with optimistic concurrency (an integer version as ETag) and group commit:
/// what <c>StreamOrleans.Persistence.GroupCommitGrainStorage</c> exposes to Orleans as grain storage.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>The stored record, or null when there is none.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainStateKey grain, string stateName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the record if the stored ETag equals <paramref name="expectedEtag"/> (null: no record may exist yet).
    /// Returns the new ETag.
    /// </summary>
    /// <exception cref="StateConflictException">The stored ETag differs.</exception>
    Task<string> WriteAsync(GrainStateKey grain, string stateName, GrainStateRecord record, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if the stored ETag equals <paramref name="expectedEtag"/>.</summary>
    /// <exception cref="StateConflictException">The stored ETag differs.</exception>
    Task ClearAsync(GrainStateKey grain, string stateName, string? expectedEtag, CancellationToken cancellationToken = default);

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
