using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StreamOrleans.Streaming.Postgres;
using StreamOrleans.Streaming.Serialization;

namespace StreamOrleans.Persistence.Stores.Postgres;

/// <summary>
/// Grain state in PostgreSQL: one row per (grain type, key, state name) with the JSON payload, the grain's stream
/// positions and an integer version used as ETag (the SQLite store's semantics: a new record gets "1", each write
/// adds one, a write whose expected ETag differs fails with <see cref="StateConflictException"/>). Several
/// silos share the table; the ETag check is what fences a stale activation (one Orleans has already placed elsewhere)
/// from overwriting the new one's state. Writes are group-committed: all writes waiting at one moment go in one transaction, as one
/// set-based UPDATE and one INSERT over arrays (unnest), so a checkpoint of a thousand grains is two statements.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStateStore, IAsyncDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag BIGINT NOT NULL,
            payload BYTEA NOT NULL,
            positions BYTEA NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name))
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresGrainStorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PostgresSchemaOnce _schema;
    private readonly Task _writer;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, IOptions<PostgresGrainStorageOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _schema = new PostgresSchemaOnce(_dataSource, "grain_state", Migrations);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Creates or migrates the table now (otherwise done on first use).</summary>
    public Task EnsureSchemaAsync() => _schema.EnsureAsync();

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey grainId, string stateName, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync();
        await using var command = _dataSource.CreateCommand("SELECT etag, payload, positions FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        AddKey(command.Parameters, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var etag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        var payload = (byte[])reader.GetValue(1);
        var positions = JsonSerializer.Deserialize((byte[])reader.GetValue(2), LogJsonContext.Default.DictionaryStringInt64) ?? [];
        return new GrainStateRecord(payload, positions, etag);
    }

    public Task<string> WriteAsync(GrainStateKey grainId, string stateName, GrainStateRecord record, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Serialized now, while the owning grain's turn awaits this write, so the positions map is stable.
        var positions = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long>(record.StreamPositions), LogJsonContext.Default.DictionaryStringInt64);
        return Enqueue(new PendingWrite(grainId, stateName, record.Payload.ToArray(), positions, expectedEtag, Clear: false));
    }

    public async Task ClearAsync(GrainStateKey grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default) =>
        await Enqueue(new PendingWrite(grainId, stateName, null, null, expectedEtag, Clear: true));

    public async Task<int> ClearAllAsync(string grainType, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync();
        await using var command = _dataSource.CreateCommand("DELETE FROM grain_state WHERE grain_type = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> ClearAppliedTopicAsync(string topic, int? partition = null, CancellationToken cancellationToken = default)
    {
        await _schema.EnsureAsync();
        await using var command = _dataSource.CreateCommand(partition is null
            ? "DELETE FROM grain_state WHERE convert_from(payload, 'UTF8')::jsonb -> 'applied' -> 'byTopic' ? $1"
            : "DELETE FROM grain_state WHERE (convert_from(payload, 'UTF8')::jsonb -> 'applied' -> 'byTopic' -> $1 ->> 'partition')::int = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = topic });
        if (partition is { } p)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
    }

    private static void AddKey(NpgsqlParameterCollection parameters, GrainStateKey grain, string stateName)
    {
        parameters.Add(new NpgsqlParameter { Value = grain.Type });
        parameters.Add(new NpgsqlParameter { Value = grain.Key });
        parameters.Add(new NpgsqlParameter { Value = stateName });
    }

    private Task<string> Enqueue(PendingWrite write) =>
        _writes.Writer.TryWrite(write) ? write.Completion.Task : throw new ObjectDisposedException(nameof(PostgresGrainStorage));

    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        var batch = new List<PendingWrite>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxWritesPerCommit && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await _schema.EnsureAsync();
                await CommitAsync(batch);
            }
            catch (Exception e)
            {
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(e);
                }
            }
        }
    }

    // One transaction per batch, and set-based statements: all updates in one UPDATE ... FROM unnest(...), all creations
    // in one INSERT ... SELECT FROM unnest(...), each RETURNING the rows it changed; a write whose row is not returned
    // had a stale ETag. Clears (rare) are one statement each.
    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var updates = new List<(PendingWrite Write, long Expected)>();
        var inserts = new List<PendingWrite>();
        var clears = new List<(PendingWrite Write, long? Expected)>();
        var conflicts = new List<PendingWrite>();
        foreach (var write in batch)
        {
            long? expected = null;
            if (write.ExpectedEtag is not null)
            {
                if (!long.TryParse(write.ExpectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    conflicts.Add(write);
                    continue;
                }

                expected = parsed;
            }

            if (write.Clear)
            {
                clears.Add((write, expected));
            }
            else if (expected is { } etag)
            {
                updates.Add((write, etag));
            }
            else
            {
                inserts.Add(write);
            }
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var updated = await UpdateAsync(connection, transaction, updates, now);
        var inserted = await InsertAsync(connection, transaction, inserts, now);
        var cleared = new List<(PendingWrite Write, bool Ok)>();
        foreach (var (write, expected) in clears)
        {
            // A clear without an ETag succeeds only if there is no record.
            cleared.Add((write, expected is { } etag ? await DeleteAsync(connection, transaction, write, etag) : !await ExistsAsync(connection, transaction, write)));
        }

        await transaction.CommitAsync();
        foreach (var (write, expected) in updates)
        {
            Complete(write, updated.Contains(Key(write)), (expected + 1).ToString(CultureInfo.InvariantCulture), conflicts);
        }

        foreach (var write in inserts)
        {
            Complete(write, inserted.Contains(Key(write)), "1", conflicts);
        }

        foreach (var (write, ok) in cleared)
        {
            Complete(write, ok, "", conflicts);
        }

        foreach (var write in conflicts)
        {
            var stored = await StoredEtagAsync(connection, write);
            write.Completion.TrySetException(new StateConflictException(write.Grain, write.StateName, write.ExpectedEtag, stored));
        }
    }

    private static void Complete(PendingWrite write, bool ok, string etag, List<PendingWrite> conflicts)
    {
        if (ok)
        {
            write.Completion.TrySetResult(etag);
        }
        else
        {
            conflicts.Add(write);
        }
    }

    private static (string Type, string Key, string State) Key(PendingWrite write) => (write.Grain.Type, write.Grain.Key, write.StateName);

    private static async Task<HashSet<(string, string, string)>> UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(PendingWrite Write, long Expected)> updates, long now)
    {
        if (updates.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            """
            UPDATE grain_state g SET etag = g.etag + 1, payload = u.payload, positions = u.positions, updated_at = $7
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bytea[], $6::bigint[]) AS u(grain_type, grain_key, state_name, payload, positions, etag)
            WHERE g.grain_type = u.grain_type AND g.grain_key = u.grain_key AND g.state_name = u.state_name AND g.etag = u.etag
            RETURNING g.grain_type, g.grain_key, g.state_name
            """,
            connection,
            transaction);
        AddColumns(command, updates.Select(u => u.Write).ToList());
        command.Parameters.Add(new NpgsqlParameter { Value = updates.Select(u => u.Expected).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await ReadKeysAsync(command);
    }

    private static async Task<HashSet<(string, string, string)>> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingWrite> inserts, long now)
    {
        if (inserts.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, positions, updated_at)
            SELECT u.grain_type, u.grain_key, u.state_name, 1, u.payload, u.positions, $6
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bytea[]) AS u(grain_type, grain_key, state_name, payload, positions)
            ON CONFLICT DO NOTHING
            RETURNING grain_type, grain_key, state_name
            """,
            connection,
            transaction);
        AddColumns(command, inserts);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await ReadKeysAsync(command);
    }

    private static void AddColumns(NpgsqlCommand command, List<PendingWrite> writes)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Grain.Type).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Grain.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.StateName).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Payload!).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Positions!).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
    }

    private static async Task<HashSet<(string, string, string)>> ReadKeysAsync(NpgsqlCommand command)
    {
        var keys = new HashSet<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return keys;
    }

    private static async Task<bool> DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PendingWrite write, long etag)
    {
        await using var command = new NpgsqlCommand("DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $4", connection, transaction);
        AddKey(command.Parameters, write.Grain, write.StateName);
        command.Parameters.Add(new NpgsqlParameter { Value = etag });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PendingWrite write)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3", connection, transaction);
        AddKey(command.Parameters, write.Grain, write.StateName);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task<string?> StoredEtagAsync(NpgsqlConnection connection, PendingWrite write)
    {
        await using var command = new NpgsqlCommand("SELECT etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3", connection);
        AddKey(command.Parameters, write.Grain, write.StateName);
        var etag = await command.ExecuteScalarAsync();
        return etag is long value ? value.ToString(CultureInfo.InvariantCulture) : null;
    }

    private sealed record PendingWrite(GrainStateKey Grain, string StateName, byte[]? Payload, byte[]? Positions, string? ExpectedEtag, bool Clear)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
