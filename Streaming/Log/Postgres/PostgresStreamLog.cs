using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StreamOrleans.Streaming.Postgres;
using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Streaming.Log.Postgres;

/// <summary>
/// An <see cref="IStreamLog"/> in PostgreSQL tables, for teams that run several replicas without Kafka. Topics,
/// partitions (retained range and the last log-append time), records and consumer-group offsets are tables; an
/// append locks the rows of the partitions it writes (in partition order, so appenders never deadlock), takes the
/// next dense offsets from them and inserts every record with one statement, all in one transaction. Any number of
/// processes may append and read concurrently. Consumers waiting at the end wake at once for appends in this process
/// and within <see cref="PostgresStreamLogOptions.PollInterval"/> for appends elsewhere.
/// </summary>
public sealed class PostgresStreamLog : IStreamLog, IAsyncDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS log_topics (
            id SERIAL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            partitions INT NOT NULL,
            created_at BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS log_partitions (
            topic_id INT NOT NULL REFERENCES log_topics (id),
            partition INT NOT NULL,
            start_offset BIGINT NOT NULL,
            end_offset BIGINT NOT NULL,
            last_timestamp BIGINT NOT NULL,
            PRIMARY KEY (topic_id, partition));
        CREATE TABLE IF NOT EXISTS log_records (
            topic_id INT NOT NULL,
            partition INT NOT NULL,
            "offset" BIGINT NOT NULL,
            timestamp BIGINT NOT NULL,
            key TEXT NOT NULL,
            value BYTEA NOT NULL,
            headers BYTEA NOT NULL,
            PRIMARY KEY (topic_id, partition, "offset"));
        CREATE INDEX IF NOT EXISTS log_records_by_time ON log_records (topic_id, partition, timestamp);
        CREATE TABLE IF NOT EXISTS log_consumer_offsets (
            group_name TEXT NOT NULL,
            topic_id INT NOT NULL REFERENCES log_topics (id),
            partition INT NOT NULL,
            committed BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (group_name, topic_id, partition))
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStreamLogOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, PostgresTopic> _topics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private readonly PostgresSchemaOnce _schema;
    private int _disposed;

    public PostgresStreamLog(NpgsqlDataSource dataSource, IOptions<PostgresStreamLogOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _schema = new PostgresSchemaOnce(_dataSource, "stream_log", Migrations);
    }

    /// <summary>Creates or migrates the tables now (otherwise done on first use).</summary>
    public Task EnsureSchemaAsync() => _schema.EnsureAsync();

    /// <inheritdoc />
    public async ValueTask<TopicInfo> CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        TopicInfo.ThrowIfInvalidPartitionCount(partitions);

        var state = await FindTopicAsync(topic, cancellationToken);
        if (state is null)
        {
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await using var command = new NpgsqlCommand(
                    """
                    WITH created AS (
                        INSERT INTO log_topics (name, partitions, created_at) VALUES ($1, $2, $3)
                        ON CONFLICT (name) DO NOTHING RETURNING id)
                    INSERT INTO log_partitions (topic_id, partition, start_offset, end_offset, last_timestamp)
                    SELECT id, p, 0, 0, 0 FROM created, generate_series(0, $2 - 1) AS p
                    """,
                    connection,
                    transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = topic });
                command.Parameters.Add(new NpgsqlParameter { Value = partitions });
                command.Parameters.Add(new NpgsqlParameter { Value = NowMs() });
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            state = await FindTopicAsync(topic, cancellationToken) ?? throw new InvalidOperationException($"Topic '{topic}' vanished right after it was created.");
        }

        if (state.Info.Partitions != partitions)
        {
            throw new InvalidOperationException($"Topic '{topic}' already exists with {state.Info.Partitions} partitions; it cannot be created with {partitions}.");
        }

        return state.Info;
    }

    /// <inheritdoc />
    public async ValueTask<TopicInfo?> GetTopicAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        return (await FindTopicAsync(topic, cancellationToken))?.Info;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        await using var command = _dataSource.CreateCommand("SELECT id, name, partitions, created_at FROM log_topics ORDER BY name COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var topics = new List<TopicInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            topics.Add(Cache(reader).Info);
        }

        return topics;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AppendResult>> AppendAsync(string topic, IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ArgumentNullException.ThrowIfNull(records);
        var state = await RequireTopicAsync(topic, cancellationToken);
        if (records.Count == 0)
        {
            return [];
        }

        var count = records.Count;
        var partitions = new int[count];
        var keys = new string[count];
        var values = new byte[count][];
        var headers = new byte[count][];
        var perPartition = new SortedDictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"Record {i} of the batch is null.", nameof(records));
            keys[i] = record.Key ?? throw new ArgumentException($"Record {i} of the batch has a null key.", nameof(records));
            if (record.Headers is not null && record.Headers.Any(h => h.Key is null || h.Value is null))
            {
                throw new ArgumentException($"Record {i} of the batch has a header with a null name or value.", nameof(records));
            }

            partitions[i] = StreamPartitioner.GetPartition(record.Key, state.Info.Partitions);
            values[i] = record.Value.ToArray();
            headers[i] = RecordHeaderCodec.Encode(record.Headers);
            perPartition[partitions[i]] = perPartition.GetValueOrDefault(partitions[i]) + 1;
        }

        var offsets = new long[count];
        var timestamps = new long[count];
        var ends = new Dictionary<int, long>();
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Reserve each partition's offsets (row lock until commit), in partition order.
            var next = new Dictionary<int, (long Offset, long Timestamp)>();
            await using (var reserve = new NpgsqlBatch(connection, transaction))
            {
                var now = NowMs();
                foreach (var (partition, n) in perPartition)
                {
                    var command = new NpgsqlBatchCommand(
                        "UPDATE log_partitions SET end_offset = end_offset + $3, last_timestamp = GREATEST(last_timestamp, $4) WHERE topic_id = $1 AND partition = $2 RETURNING end_offset, last_timestamp");
                    command.Parameters.Add(new NpgsqlParameter { Value = state.Id });
                    command.Parameters.Add(new NpgsqlParameter { Value = partition });
                    command.Parameters.Add(new NpgsqlParameter { Value = (long)n });
                    command.Parameters.Add(new NpgsqlParameter { Value = now });
                    reserve.BatchCommands.Add(command);
                }

                await using var reader = await reserve.ExecuteReaderAsync(cancellationToken);
                foreach (var (partition, n) in perPartition)
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        throw new InvalidOperationException($"Partition {partition} of topic '{topic}' has no row in log_partitions.");
                    }

                    var end = reader.GetInt64(0);
                    ends[partition] = end;
                    next[partition] = (end - n, reader.GetInt64(1));
                    await reader.NextResultAsync(cancellationToken);
                }
            }

            for (var i = 0; i < count; i++)
            {
                var (offset, timestamp) = next[partitions[i]];
                offsets[i] = offset;
                timestamps[i] = timestamp;
                next[partitions[i]] = (offset + 1, timestamp);
            }

            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO log_records (topic_id, partition, "offset", timestamp, key, value, headers)
                SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::text[], $6::bytea[], $7::bytea[])
                """,
                connection,
                transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = state.Id });
                insert.Parameters.Add(new NpgsqlParameter { Value = partitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
                insert.Parameters.Add(new NpgsqlParameter { Value = offsets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                insert.Parameters.Add(new NpgsqlParameter { Value = timestamps, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                insert.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                insert.Parameters.Add(new NpgsqlParameter { Value = headers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (partition, end) in ends)
        {
            state.Signals[partition].Advance(end);
        }

        var results = new AppendResult[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = new AppendResult(partitions[i], offsets[i]);
        }

        return results;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<LogRecord>> ReadAsync(string topic, int partition, long fromOffset, int maxRecords, CancellationToken cancellationToken = default)
    {
        var state = await RequirePartitionAsync(topic, partition, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        if (maxRecords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecords), maxRecords, $"maxRecords must be at least 1 (got {maxRecords}).");
        }

        await using var command = _dataSource.CreateCommand(
            "SELECT \"offset\", timestamp, key, value, headers FROM log_records WHERE topic_id = $1 AND partition = $2 AND \"offset\" >= $3 ORDER BY \"offset\" LIMIT $4");
        command.Parameters.Add(new NpgsqlParameter { Value = state.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        command.Parameters.Add(new NpgsqlParameter { Value = fromOffset });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)maxRecords });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<LogRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var headerBytes = (byte[])reader.GetValue(4);
            records.Add(new LogRecord(
                topic,
                partition,
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                (byte[])reader.GetValue(3),
                headerBytes.Length == 0 ? RecordHeaderCodec.Empty : RecordHeaderCodec.Decode(headerBytes)));
        }

        if (records.Count > 0)
        {
            state.Signals[partition].Advance(records[^1].Offset + 1);
        }

        return records;
    }

    /// <inheritdoc />
    public async ValueTask WaitForRecordsAsync(string topic, int partition, long offset, CancellationToken cancellationToken)
    {
        var state = await RequirePartitionAsync(topic, partition, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            // Another process may have appended: the table is the authority.
            await state.Signals[partition].WaitPastAsync(offset, token => SharedEndOffsetAsync(state, partition, token), _options.PollInterval, _timeProvider, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfDisposed();
            throw;
        }
        finally
        {
            // Stops the poll delay still pending when records arrived first.
            await linked.CancelAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PartitionOffsets>> GetOffsetsAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        var state = await RequireTopicAsync(topic, cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT partition, start_offset, end_offset FROM log_partitions WHERE topic_id = $1 ORDER BY partition");
        command.Parameters.Add(new NpgsqlParameter { Value = state.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ranges = new List<PartitionOffsets>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var range = new PartitionOffsets(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2));
            state.Signals[range.Partition].Advance(range.EndOffset);
            ranges.Add(range);
        }

        return ranges;
    }

    /// <inheritdoc />
    public async ValueTask<long> FindOffsetAsync(string topic, int partition, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        var state = await RequirePartitionAsync(topic, partition, cancellationToken);
        await using var command = _dataSource.CreateCommand(
            """
            SELECT COALESCE(
                (SELECT MIN("offset") FROM log_records WHERE topic_id = $1 AND partition = $2 AND timestamp >= $3),
                (SELECT end_offset FROM log_partitions WHERE topic_id = $1 AND partition = $2))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = state.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        command.Parameters.Add(new NpgsqlParameter { Value = timestamp.ToUnixTimeMilliseconds() });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<int, long>> GetCommittedOffsetsAsync(string group, string topic, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidGroup(group);
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        var state = await RequireTopicAsync(topic, cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT partition, committed FROM log_consumer_offsets WHERE group_name = $1 AND topic_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = group });
        command.Parameters.Add(new NpgsqlParameter { Value = state.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var offsets = new Dictionary<int, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            offsets[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return offsets;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListConsumerGroupsAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        var state = await RequireTopicAsync(topic, cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT group_name FROM log_consumer_offsets WHERE topic_id = $1 GROUP BY group_name ORDER BY group_name COLLATE \"C\"");
        command.Parameters.Add(new NpgsqlParameter { Value = state.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var groups = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(reader.GetString(0));
        }

        return groups;
    }

    /// <inheritdoc />
    public async ValueTask CommitAsync(string group, string topic, int partition, long offset, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidGroup(group);
        var state = await RequirePartitionAsync(topic, partition, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO log_consumer_offsets (group_name, topic_id, partition, committed, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (group_name, topic_id, partition) DO UPDATE SET committed = EXCLUDED.committed, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = group });
        command.Parameters.Add(new NpgsqlParameter { Value = state.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = partition });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = NowMs() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes records older than <see cref="PostgresStreamLogOptions.RetentionAge"/> (nothing when it is null) and
    /// moves each partition's start offset past them. Returns how many records went.
    /// </summary>
    public async ValueTask<long> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        if (_options.RetentionAge is not { } age)
        {
            return 0;
        }

        var cutoff = (_timeProvider.GetUtcNow() - age).ToUnixTimeMilliseconds();
        await using var command = _dataSource.CreateCommand(
            """
            WITH gone AS (DELETE FROM log_records WHERE timestamp < $1 RETURNING topic_id, partition, "offset"),
            cut AS (SELECT topic_id, partition, MAX("offset") + 1 AS next, COUNT(*) AS n FROM gone GROUP BY topic_id, partition),
            moved AS (UPDATE log_partitions p SET start_offset = GREATEST(p.start_offset, cut.next) FROM cut
                      WHERE p.topic_id = cut.topic_id AND p.partition = cut.partition RETURNING cut.n)
            SELECT COALESCE(SUM(n), 0)::bigint FROM moved
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _disposing.Cancel();
            _disposing.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static void ThrowIfInvalidGroup(string group)
    {
        if (string.IsNullOrWhiteSpace(group))
        {
            throw new ArgumentException("A consumer group name must not be null, empty or whitespace.", nameof(group));
        }
    }

    private long NowMs() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private async Task ReadyAsync()
    {
        ThrowIfDisposed();
        await _schema.EnsureAsync();
    }

    private PostgresTopic Cache(NpgsqlDataReader reader)
    {
        var name = reader.GetString(1);
        return _topics.GetOrAdd(name, static (n, r) => new PostgresTopic(
            r.GetInt32(0),
            new TopicInfo(n, r.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)))), reader);
    }

    private async Task<PostgresTopic?> FindTopicAsync(string topic, CancellationToken cancellationToken)
    {
        await ReadyAsync();
        if (_topics.TryGetValue(topic, out var cached))
        {
            return cached;
        }

        await using var command = _dataSource.CreateCommand("SELECT id, name, partitions, created_at FROM log_topics WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = topic });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Cache(reader) : null;
    }

    private async Task<PostgresTopic> RequireTopicAsync(string topic, CancellationToken cancellationToken) =>
        await FindTopicAsync(topic, cancellationToken) ?? throw new UnknownTopicException(topic);

    private async Task<PostgresTopic> RequirePartitionAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        var state = await RequireTopicAsync(topic, cancellationToken);
        if (partition < 0 || partition >= state.Info.Partitions)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, $"Topic '{topic}' has partitions 0..{state.Info.Partitions - 1}.");
        }

        return state;
    }

    // Appends of other processes show in the table only. One read of every partition's end serves all of a topic's
    // waiting queues: with each queue reading its own partition every PollInterval, three replicas with 43 idle queues
    // each sent ~6,000 queries/s at a 20 ms interval, and the CPU that took starved membership probes and failover.
    private async Task<long> SharedEndOffsetAsync(PostgresTopic state, int partition, CancellationToken cancellationToken)
    {
        // GetOffsetsAsync reads every partition's range and advances the signals.
        await state.RefreshEndsAsync(() => GetOffsetsAsync(state.Info.Name, _disposing.Token).AsTask(), _options.PollInterval, _timeProvider).WaitAsync(cancellationToken);
        return state.Signals[partition].End;
    }
}
