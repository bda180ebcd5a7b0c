using System.Text.Json;
using Orleans.Storage;
using StreamOrleans.Streaming.Rewind;
using StreamOrleans.Persistence.Stores;

namespace StreamOrleans.Persistence;

/// <summary>
/// An Orleans grain storage provider over one of our record stores (SQLite file or PostgreSQL table). The stores
/// commit every write waiting at that moment in one transaction (group commit), so thousands of grains persisting
/// after each stream delivery cost one fsync, not thousands. State is stored as readable JSON (System.Text.Json, web
/// defaults); the ETag is the row's integer version, and a stale ETag raises Orleans' <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class GroupCommitGrainStorage(string name, IGrainStateStore store) : IGrainStorage, IStreamStateReset
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly IReadOnlyDictionary<string, long> NoPositions = new Dictionary<string, long>();

    /// <summary>The provider's name (the storage name grains give in <c>[PersistentState(..., name)]</c>).</summary>
    public string Name { get; } = name;

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        GrainStateRecord? record;
        try
        {
            record = await store.ReadAsync(Map(grainId), stateName);
        }
        catch (System.Data.Common.DbException e) when (e.IsTransient)
        {
            throw Unavailable(e);
        }

        if (record is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(record.Payload.Span, Json) ?? Activator.CreateInstance<T>();
        grainState.ETag = record.Etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, Json);
        try
        {
            grainState.ETag = await store.WriteAsync(Map(grainId), stateName, new GrainStateRecord(payload, NoPositions), grainState.ETag);
            grainState.RecordExists = true;
        }
        catch (StateConflictException e)
        {
            throw new InconsistentStateException($"{Name}: {e.Message}", e);
        }
        catch (System.Data.Common.DbException e) when (e.IsTransient)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        try
        {
            await store.ClearAsync(Map(grainId), stateName, grainState.ETag);
        }
        catch (StateConflictException e)
        {
            throw new InconsistentStateException($"{Name}: {e.Message}", e);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    // The driver's exception stays out of it: Orleans could not send it to a caller on another silo.
    private GrainStorageUnavailableException Unavailable(System.Data.Common.DbException e) =>
        new($"{Name}: the grain state store is unavailable ({e.GetType().Name}: {e.Message})");

    /// <summary>Deletes every stored state of a grain type (rebuilding models from the log). Returns how many went.</summary>
    public Task<int> ClearAllAsync(GrainType grainType, CancellationToken cancellationToken = default) =>
        store.ClearAllAsync(grainType.ToString()!, cancellationToken);

    /// <inheritdoc />
    public Task<int> ClearAppliedTopicAsync(string topic, int? partition = null, CancellationToken cancellationToken = default) =>
        store.ClearAppliedTopicAsync(topic, partition, cancellationToken);

    private static GrainStateKey Map(GrainId grainId) => new(grainId.Type.ToString()!, grainId.Key.ToString()!);
}
