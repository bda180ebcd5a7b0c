using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StreamOrleans.Runtime.Postgres;
using StreamOrleans.Runtime.Serialization;

namespace StreamOrleans.Runtime.Persistence.Postgres;

/// <summary>
/// Grain state in PostgreSQL: one row per (grain type, key, state name) with the JSON payload, the grain's stream
/// positions and an integer version used as ETag (the SQLite store's semantics: a new record gets "1", each write
/// adds one, a write whose expected ETag differs fails with <see cref="InconsistentStateException"/>). Several
/// replicas share the table; the ETag check is what fences a replica that lost a partition from overwriting the
/// new owner's state. Writes are group-committed: all writes waiting at one moment go in one batch and transaction.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
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
    private readonly Lazy<Task> _schema;
    private readonly Task _writer;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, IOptions<PostgresGrainStorageOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _schema = new Lazy<Task>(() => PostgresSchema.EnsureAsync(_dataSource, "grain_state", Migrations));
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Creates or migrates the table now (otherwise done on first use).</summary>
    public Task EnsureSchemaAsync() => _schema.Value;

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default)
    {
        await _schema.Value;
        await using var command = _dataSource.CreateCommand("SELECT etag, payload, positions FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        AddKey(command.Parameters, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var etag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        var payload = (byte[])reader.GetValue(1);
        var positions = JsonSerializer.Deserialize((byte[])reader.GetValue(2), RuntimeJsonContext.Default.DictionaryStringInt64) ?? [];
        return new GrainStateRecord(payload, positions, etag);
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, GrainStateRecord record, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Serialized now, while the owning grain's turn awaits this write, so the positions map is stable.
        var positions = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long>(record.StreamPositions), RuntimeJsonContext.Default.DictionaryStringInt64);
        return Enqueue(new PendingWrite(grainId, stateName, record.Payload.ToArray(), positions, expectedEtag, Clear: false));
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default) =>
        await Enqueue(new PendingWrite(grainId, stateName, null, null, expectedEtag, Clear: true));

    public async Task<int> ClearAllAsync(string grainType, CancellationToken cancellationToken = default)
    {
        await _schema.Value;
        await using var command = _dataSource.CreateCommand("DELETE FROM grain_state WHERE grain_type = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
    }

    private static void AddKey(NpgsqlParameterCollection parameters, GrainId grain, string stateName)
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
        var batch = new List<(PendingWrite Write, long? Expected, NpgsqlBatchCommand? Command)>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxWritesPerCommit && reader.TryRead(out var write))
            {
                batch.Add((write, null, null));
            }

            try
            {
                await _schema.Value;
                await CommitAsync(batch);
            }
            catch (Exception e)
            {
                foreach (var (write, _, _) in batch)
                {
                    write.Completion.TrySetException(e);
                }
            }
        }
    }

    private async Task CommitAsync(List<(PendingWrite Write, long? Expected, NpgsqlBatchCommand? Command)> batch)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var commands = new NpgsqlBatch(connection, transaction);
        var conflicts = new List<PendingWrite>();
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i].Write;
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

            var command = Command(write, expected, now);
            commands.BatchCommands.Add(command);
            batch[i] = (write, expected, command);
        }

        if (commands.BatchCommands.Count > 0)
        {
            await commands.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        foreach (var (write, expected, command) in batch)
        {
            if (command is null)
            {
                continue;
            }

            // A clear without an ETag succeeds only if there is no record (its SELECT found none).
            var ok = write.Clear && expected is null ? command.RecordsAffected == 0 : command.RecordsAffected == 1;
            if (ok)
            {
                write.Completion.TrySetResult(write.Clear ? "" : ((expected ?? 0) + 1).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                conflicts.Add(write);
            }
        }

        foreach (var write in conflicts)
        {
            var stored = await StoredEtagAsync(connection, write);
            write.Completion.TrySetException(new InconsistentStateException(write.Grain, write.StateName, write.ExpectedEtag, stored));
        }
    }

    private static NpgsqlBatchCommand Command(PendingWrite write, long? expected, long now)
    {
        NpgsqlBatchCommand command;
        if (write.Clear)
        {
            command = expected is null
                ? new NpgsqlBatchCommand("SELECT 1 FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3")
                : new NpgsqlBatchCommand("DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $4");
            AddKey(command.Parameters, write.Grain, write.StateName);
            if (expected is { } etag)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = etag });
            }

            return command;
        }

        command = expected is null
            ? new NpgsqlBatchCommand("""
                INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, positions, updated_at)
                VALUES ($1, $2, $3, 1, $4, $5, $6) ON CONFLICT DO NOTHING
                """)
            : new NpgsqlBatchCommand("""
                UPDATE grain_state SET etag = etag + 1, payload = $4, positions = $5, updated_at = $6
                WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $7
                """);
        AddKey(command.Parameters, write.Grain, write.StateName);
        command.Parameters.Add(new NpgsqlParameter { Value = write.Payload!, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = write.Positions!, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        if (expected is { } expectedEtag)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = expectedEtag });
        }

        return command;
    }

    private static async Task<string?> StoredEtagAsync(NpgsqlConnection connection, PendingWrite write)
    {
        await using var command = new NpgsqlCommand("SELECT etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3", connection);
        AddKey(command.Parameters, write.Grain, write.StateName);
        var etag = await command.ExecuteScalarAsync();
        return etag is long value ? value.ToString(CultureInfo.InvariantCulture) : null;
    }

    private sealed record PendingWrite(GrainId Grain, string StateName, byte[]? Payload, byte[]? Positions, string? ExpectedEtag, bool Clear)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
