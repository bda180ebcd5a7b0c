using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamOrleans.Streaming.Sqlite;
using StreamOrleans.Streaming.Serialization;

namespace StreamOrleans.Persistence.Stores.Sqlite;

/// <summary>
/// Grain state in an embedded SQLite database (WAL). One row per (grain type, key, state name) holding the JSON
/// payload, the grain's stream positions and an integer version used as ETag. Writes go through a single writer
/// that commits every write waiting at that moment in one transaction (group commit): thousands of grains
/// checkpointing together cost one fsync, not thousands. Each write still succeeds or conflicts on its own.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStateStore, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag INTEGER NOT NULL,
            payload BLOB NOT NULL,
            positions BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly SqliteGrainStorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteGrainStorage(IOptions<SqliteGrainStorageOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        var directory = Path.GetDirectoryName(Path.GetFullPath(_options.FilePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = _options.FilePath, Pooling = true }.ToString();
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
            command.ExecuteNonQuery();
        }

        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey grainId, string stateName, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload, positions FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n";
        command.Parameters.AddWithValue("$t", grainId.Type);
        command.Parameters.AddWithValue("$k", grainId.Key);
        command.Parameters.AddWithValue("$n", stateName);
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
        var write = new PendingWrite(grainId, stateName, record, expectedEtag, Clear: false);
        return StorageTracing.Enabled ? StorageTracing.TraceWriteAsync(Enqueue(write), grainId, stateName) : Enqueue(write);
    }

    public async Task ClearAsync(GrainStateKey grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default) =>
        await Enqueue(new PendingWrite(grainId, stateName, null, expectedEtag, Clear: true));

    public async Task<int> ClearAllAsync(string grainType, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_type = $t";
        command.Parameters.AddWithValue("$t", grainType);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> ClearAppliedTopicAsync(string topic, int? partition = null, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = partition is null
            ? "DELETE FROM grain_state WHERE json_valid(CAST(payload AS TEXT)) AND json_type(CAST(payload AS TEXT), $path) IS NOT NULL"
            : "DELETE FROM grain_state WHERE json_valid(CAST(payload AS TEXT)) AND json_extract(CAST(payload AS TEXT), $path || '.partition') = $partition";
        command.Parameters.AddWithValue("$path", $"$.applied.byTopic.\"{topic}\"");
        command.Parameters.AddWithValue("$partition", (object?)partition ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
    }

    private Task<string> Enqueue(PendingWrite write)
    {
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStorage));
        }

        return write.Completion.Task;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous={_options.Synchronous}; PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private async Task WriteLoopAsync()
    {
        using var connection = Open();
        using var statements = new WriteStatements(connection);
        var positions = new ArrayBufferWriter<byte>();
        var batch = new List<(PendingWrite Write, Exception? Error, string? Etag)>();
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxWritesPerCommit && reader.TryRead(out var write))
            {
                batch.Add((write, null, null));
            }

            try
            {
                SqliteRawStatement.Execute(connection, "BEGIN");
                try
                {
                    var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i] = Apply(batch[i].Write, now, statements, positions);
                    }

                    SqliteRawStatement.Execute(connection, "COMMIT");
                }
                catch
                {
                    SqliteRawStatement.Execute(connection, "ROLLBACK");
                    throw;
                }

                foreach (var (write, error, etag) in batch)
                {
                    if (error is null)
                    {
                        write.Completion.TrySetResult(etag!);
                    }
                    else
                    {
                        write.Completion.TrySetException(error);
                    }
                }
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

    private static (PendingWrite, Exception?, string?) Apply(PendingWrite write, long now, WriteStatements statements, ArrayBufferWriter<byte> positions)
    {
        long? expected = null;
        if (write.ExpectedEtag is not null)
        {
            if (!long.TryParse(write.ExpectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (write, Conflict(write, statements), null);
            }

            expected = parsed;
        }

        if (write.Clear)
        {
            if (expected is null)
            {
                return Stored(write, statements) is null ? (write, null, "") : (write, Conflict(write, statements), null);
            }

            var delete = statements.Delete;
            BindKey(delete, write);
            delete.Bind(4, expected.Value);
            delete.Step();
            delete.Reset();
            return delete.Changes == 1 ? (write, null, "") : (write, Conflict(write, statements), null);
        }

        // The positions map is read here while the owning grain's turn awaits this write, so it is stable.
        positions.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(positions))
        {
            json.WriteStartObject();
            foreach (var (position, offset) in write.Record!.StreamPositions)
            {
                json.WriteNumber(position, offset);
            }

            json.WriteEndObject();
        }

        var command = expected is null ? statements.Insert : statements.Update;
        BindKey(command, write);
        command.Bind(4, write.Record.Payload.Span);
        command.Bind(5, positions.WrittenSpan);
        command.Bind(6, now);
        if (expected is { } etag)
        {
            command.Bind(7, etag);
        }

        command.Step();
        command.Reset();
        return command.Changes == 1
            ? (write, null, ((expected ?? 0) + 1).ToString(CultureInfo.InvariantCulture))
            : (write, Conflict(write, statements), null);
    }

    private static void BindKey(SqliteRawStatement statement, PendingWrite write)
    {
        statement.Bind(1, write.Grain.Type);
        statement.Bind(2, write.Grain.Key);
        statement.Bind(3, write.StateName);
    }

    private static string? Stored(PendingWrite write, WriteStatements statements)
    {
        var current = statements.Current;
        BindKey(current, write);
        try
        {
            return current.Step() ? current.GetInt64(0).ToString(CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            current.Reset();
        }
    }

    private static StateConflictException Conflict(PendingWrite write, WriteStatements statements) =>
        new(write.Grain, write.StateName, write.ExpectedEtag, Stored(write, statements));

    /// <summary>The writer's prepared statements; parameters are positional (?1 type, ?2 key, ?3 name, ...).</summary>
    private sealed class WriteStatements(SqliteConnection connection) : IDisposable
    {
        public SqliteRawStatement Insert { get; } = new(connection, """
            INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, positions, updated_at)
            VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6) ON CONFLICT DO NOTHING
            """);

        public SqliteRawStatement Update { get; } = new(connection, """
            UPDATE grain_state SET etag = etag + 1, payload = ?4, positions = ?5, updated_at = ?6
            WHERE grain_type = ?1 AND grain_key = ?2 AND state_name = ?3 AND etag = ?7
            """);

        public SqliteRawStatement Delete { get; } = new(connection, "DELETE FROM grain_state WHERE grain_type = ?1 AND grain_key = ?2 AND state_name = ?3 AND etag = ?4");

        public SqliteRawStatement Current { get; } = new(connection, "SELECT etag FROM grain_state WHERE grain_type = ?1 AND grain_key = ?2 AND state_name = ?3");

        public void Dispose()
        {
            Insert.Dispose();
            Update.Dispose();
            Delete.Dispose();
            Current.Dispose();
        }
    }

    private sealed record PendingWrite(GrainStateKey Grain, string StateName, GrainStateRecord? Record, string? ExpectedEtag, bool Clear)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
