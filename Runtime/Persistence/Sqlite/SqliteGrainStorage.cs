using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Serialization;

namespace StreamOrleans.Runtime.Persistence.Sqlite;

/// <summary>
/// Grain state in an embedded SQLite database (WAL). One row per (grain type, key, state name) holding the JSON
/// payload, the grain's stream positions and an integer version used as ETag. Writes go through a single writer
/// that commits every write waiting at that moment in one transaction (group commit): thousands of grains
/// checkpointing together cost one fsync, not thousands. Each write still succeeds or conflicts on its own.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag INTEGER NOT NULL,
            payload BLOB NOT NULL,
            positions TEXT NOT NULL,
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

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default)
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
        var positions = JsonSerializer.Deserialize(reader.GetString(2), RuntimeJsonContext.Default.DictionaryStringInt64) ?? [];
        return new GrainStateRecord(payload, positions, etag);
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, GrainStateRecord record, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var write = new PendingWrite(grainId, stateName, record, expectedEtag, Clear: false);
        return Enqueue(write);
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default) =>
        await Enqueue(new PendingWrite(grainId, stateName, null, expectedEtag, Clear: true));

    public async Task<int> ClearAllAsync(string grainType, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_type = $t";
        command.Parameters.AddWithValue("$t", grainType);
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
        using var insert = Prepare(connection, """
            INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, positions, updated_at)
            VALUES ($t, $k, $n, 1, $p, $pos, $at) ON CONFLICT DO NOTHING
            """, "$t", "$k", "$n", "$p", "$pos", "$at");
        using var update = Prepare(connection, """
            UPDATE grain_state SET etag = etag + 1, payload = $p, positions = $pos, updated_at = $at
            WHERE grain_type = $t AND grain_key = $k AND state_name = $n AND etag = $e
            """, "$t", "$k", "$n", "$e", "$p", "$pos", "$at");
        using var delete = Prepare(connection, "DELETE FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n AND etag = $e", "$t", "$k", "$n", "$e");
        using var current = Prepare(connection, "SELECT etag FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n", "$t", "$k", "$n");

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
                using var transaction = connection.BeginTransaction();
                foreach (var command in new[] { insert, update, delete, current })
                {
                    command.Transaction = transaction;
                }

                var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i] = Apply(batch[i].Write, now, insert, update, delete, current);
                }

                transaction.Commit();
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

    private static (PendingWrite, Exception?, string?) Apply(PendingWrite write, long now, SqliteCommand insert, SqliteCommand update, SqliteCommand delete, SqliteCommand current)
    {
        long? expected = null;
        if (write.ExpectedEtag is not null)
        {
            if (!long.TryParse(write.ExpectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (write, Conflict(write, current), null);
            }

            expected = parsed;
        }

        if (write.Clear)
        {
            if (expected is null)
            {
                return Stored(write, current) is null ? (write, null, "") : (write, Conflict(write, current), null);
            }

            Bind(delete, write, expected, now);
            return delete.ExecuteNonQuery() == 1 ? (write, null, "") : (write, Conflict(write, current), null);
        }

        var command = expected is null ? insert : update;
        Bind(command, write, expected, now);
        command.Parameters["$p"].Value = write.Record!.Payload.ToArray();
        command.Parameters["$pos"].Value = JsonSerializer.Serialize(new Dictionary<string, long>(write.Record.StreamPositions), RuntimeJsonContext.Default.DictionaryStringInt64);
        return command.ExecuteNonQuery() == 1
            ? (write, null, ((expected ?? 0) + 1).ToString(CultureInfo.InvariantCulture))
            : (write, Conflict(write, current), null);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, PendingWrite write, long? expected, long now)
    {
        command.Parameters["$t"].Value = write.Grain.Type;
        command.Parameters["$k"].Value = write.Grain.Key;
        command.Parameters["$n"].Value = write.StateName;
        if (command.Parameters.Contains("$e"))
        {
            command.Parameters["$e"].Value = (object?)expected ?? DBNull.Value;
        }

        if (command.Parameters.Contains("$at"))
        {
            command.Parameters["$at"].Value = now;
        }
    }

    private static string? Stored(PendingWrite write, SqliteCommand current)
    {
        Bind(current, write, null, 0);
        return current.ExecuteScalar() is long etag ? etag.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static InconsistentStateException Conflict(PendingWrite write, SqliteCommand current) =>
        new(write.Grain, write.StateName, write.ExpectedEtag, Stored(write, current));

    private sealed record PendingWrite(GrainId Grain, string StateName, GrainStateRecord? Record, string? ExpectedEtag, bool Clear)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
