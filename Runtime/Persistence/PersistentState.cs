using System.Text.Json.Serialization.Metadata;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Persistence;

/// <summary>
/// <see cref="IPersistentState{TState}"/> over an <see cref="IGrainStorage"/>. The first state of a grain also
/// carries the grain's stream positions, written in the same storage row, which is what makes a grain's effect
/// exactly-once: on replay, records at or below a stored position are skipped.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateInternal
    where TState : new()
{
    private readonly GrainActivation _activation;
    private readonly string _stateName;
    private readonly IGrainStorage _storage;
    private readonly JsonTypeInfo<TState> _typeInfo;

    public PersistentState(GrainActivation activation, string stateName, IGrainStorage storage)
    {
        _activation = activation;
        _stateName = stateName;
        _storage = storage;
        _typeInfo = activation.Runtime.Serializer.GetTypeInfo<TState>();
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    private bool CarriesStreamPositions => ReferenceEquals(_activation.StreamState, this);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await _storage.ReadAsync(_activation.Id, _stateName, cancellationToken);
        State = record is null ? new TState() : System.Text.Json.JsonSerializer.Deserialize(record.Payload.Span, _typeInfo) ?? new TState();
        Etag = record?.Etag;
        if (CarriesStreamPositions)
        {
            _activation.StreamPositions.Clear();
            if (record is not null)
            {
                foreach (var (position, offset) in record.StreamPositions)
                {
                    _activation.StreamPositions[position] = offset;
                }
            }

            _activation.StreamStateDirty = false;
        }
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(State, _typeInfo);
        // No copy: the storage reads the live map while this turn awaits the write, and only turns change it.
        IReadOnlyDictionary<string, long> positions = CarriesStreamPositions ? _activation.StreamPositions : EmptyPositions;
        Etag = await _storage.WriteAsync(_activation.Id, _stateName, new GrainStateRecord(payload, positions), Etag, cancellationToken);
        if (CarriesStreamPositions)
        {
            _activation.StreamStateDirty = false;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await _storage.ClearAsync(_activation.Id, _stateName, Etag, cancellationToken);
        Etag = null;
        State = new TState();
        if (CarriesStreamPositions)
        {
            _activation.StreamPositions.Clear();
            _activation.StreamStateDirty = false;
        }
    }

    private static readonly IReadOnlyDictionary<string, long> EmptyPositions = new Dictionary<string, long>();
}
