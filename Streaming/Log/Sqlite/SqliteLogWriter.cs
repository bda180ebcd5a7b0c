using Microsoft.Data.Sqlite;
using StreamOrleans.Streaming.Sqlite;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>
/// The single writer connection and its prepared statements. Not thread-safe: the log serialises every use behind
/// its write lock. Each public operation is one IMMEDIATE transaction (it takes SQLite's write lock up front, so
/// another process cannot interleave). At the start of each, <c>PRAGMA data_version</c> tells whether another
/// connection (another process) committed since our last look; if so, cached end offsets are reloaded from the file.
/// </summary>
internal sealed class SqliteLogWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteRawStatement _insertRecord;
    private readonly SqliteRawStatement _dataVersion;
    private readonly SqliteCommand _partitionStarts;
    private readonly SqliteCommand _lastRecord;
    private readonly SqliteCommand _findTopic;
    private readonly SqliteCommand _insertTopic;
    private readonly SqliteCommand _insertPartition;
    private readonly SqliteCommand _commitOffset;
    private readonly SqliteCommand _deleteBefore;
    private readonly SqliteCommand _moveStart;
    private long _lastDataVersion = -1;

    public SqliteLogWriter(string filePath, SqliteStreamLogOptions options)
    {
        _connection = SqliteLogConnections.Open(filePath, options);
        try
        {
            SqliteLogSchema.Create(_connection);

            // Checkpoints run on SqliteLogCheckpointer's connection, off the append path.
            SqliteLogConnections.Execute(_connection, "PRAGMA wal_autocheckpoint = 0;");
            _insertRecord = new SqliteRawStatement(_connection, """
                INSERT INTO records (topic_id, partition_id, record_offset, timestamp, bytes_through, key, value, headers)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);
                """);
            _dataVersion = new SqliteRawStatement(_connection, "PRAGMA data_version;");
            _partitionStarts = SqliteLogConnections.Prepare(_connection, "SELECT partition_id, start_offset FROM partitions WHERE topic_id = $t;", "$t");
            _lastRecord = SqliteLogConnections.Prepare(_connection, """
                SELECT record_offset, timestamp, bytes_through FROM records WHERE topic_id = $t AND partition_id = $p
                ORDER BY record_offset DESC LIMIT 1;
                """, "$t", "$p");
            _findTopic = SqliteLogConnections.Prepare(_connection, "SELECT id, partitions, created_at FROM topics WHERE name = $n;", "$n");
            _insertTopic = SqliteLogConnections.Prepare(_connection, "INSERT INTO topics (name, partitions, created_at) VALUES ($n, $c, $ts) RETURNING id;", "$n", "$c", "$ts");
            _insertPartition = SqliteLogConnections.Prepare(_connection, "INSERT INTO partitions (topic_id, partition_id, start_offset) VALUES ($t, $p, 0);", "$t", "$p");
            _commitOffset = SqliteLogConnections.Prepare(_connection, """
                INSERT INTO consumer_offsets (group_name, topic_id, partition_id, next_offset, committed_at) VALUES ($g, $t, $p, $o, $ts)
                ON CONFLICT (topic_id, group_name, partition_id) DO UPDATE SET next_offset = excluded.next_offset, committed_at = excluded.committed_at;
                """, "$g", "$t", "$p", "$o", "$ts");
            _deleteBefore = SqliteLogConnections.Prepare(_connection, """
                DELETE FROM records WHERE topic_id = $t AND partition_id = $p AND record_offset >= $from AND record_offset < $to;
                """, "$t", "$p", "$from", "$to");
            _moveStart = SqliteLogConnections.Prepare(_connection, """
                UPDATE partitions SET start_offset = $s WHERE topic_id = $t AND partition_id = $p AND start_offset < $s;
                """, "$t", "$p", "$s");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Bumped whenever another connection is seen to have committed; topics loaded at an older generation reload.</summary>
    public long Generation { get; private set; }

    /// <summary>Every topic in the file, with its end offsets loaded (used at open).</summary>
    public List<TopicState> LoadAllTopics()
    {
        using var transaction = Begin();
        var topics = new List<TopicState>();
        using (var command = _connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT id, name, partitions, created_at FROM topics ORDER BY name;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var info = new TopicInfo(reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
                topics.Add(new TopicState(reader.GetInt64(0), info));
            }
        }

        foreach (var topic in topics)
        {
            EnsureLoaded(topic, transaction);
        }

        transaction.Commit();
        return topics;
    }

    /// <summary>Creates the topic (and its partition rows) unless a topic of that name exists; returns the stored row.</summary>
    public (long Id, TopicInfo Info) CreateTopic(string name, int partitions, long nowMs)
    {
        using var transaction = Begin();
        Bind(_findTopic, transaction, name);
        using (var reader = _findTopic.ExecuteReader())
        {
            if (reader.Read())
            {
                return (reader.GetInt64(0), new TopicInfo(name, reader.GetInt32(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }
        }

        Bind(_insertTopic, transaction, name, partitions, nowMs);
        var id = (long)_insertTopic.ExecuteScalar()!;
        for (var p = 0; p < partitions; p++)
        {
            Bind(_insertPartition, transaction, id, p);
            _insertPartition.ExecuteNonQuery();
        }

        transaction.Commit();
        return (id, new TopicInfo(name, partitions, DateTimeOffset.FromUnixTimeMilliseconds(nowMs)));
    }

    /// <summary>
    /// Appends the batch in one transaction. Offsets come from the cached next offsets; timestamps are
    /// max(now, previous record's) per partition. On failure nothing is written and the topic's cache is reloaded
    /// at its next use.
    /// </summary>
    public AppendResult[] Append(TopicState topic, int[] partitions, IReadOnlyList<StreamRecord> records, byte[][] headers, long[] sizes, long nowMs)
    {
        var results = new AppendResult[records.Count];
        BeginRaw();
        try
        {
            EnsureLoaded(topic, transaction: null);
            var next = topic.NextOffsets;
            var last = topic.LastTimestamps;
            var bytesThrough = topic.BytesThrough;
            var insert = _insertRecord;
            insert.Bind(1, topic.Id);
            for (var i = 0; i < results.Length; i++)
            {
                var record = records[i];
                var partition = partitions[i];
                var offset = next[partition]++;
                var timestamp = Math.Max(nowMs, last[partition]);
                last[partition] = timestamp;
                insert.Bind(2, partition);
                insert.Bind(3, offset);
                insert.Bind(4, timestamp);
                insert.Bind(5, bytesThrough[partition] += sizes[i]);
                insert.Bind(6, record.Key);
                insert.Bind(7, record.Value.Span);
                insert.Bind(8, headers[i]);
                insert.Step();
                insert.Reset();
                results[i] = new AppendResult(partition, offset);
            }

            SqliteRawStatement.Execute(_connection, "COMMIT;");
            return results;
        }
        catch
        {
            topic.LoadedGeneration = -1;
            _insertRecord.Reset();
            if (!_connection.Handle!.IsInvalid && SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
            {
                SqliteRawStatement.Execute(_connection, "ROLLBACK;");
            }

            throw;
        }
    }

    /// <summary>Stores a consumer group's committed offset.</summary>
    public void Commit(string group, TopicState topic, int partition, long offset, long nowMs)
    {
        using var transaction = Begin();
        Bind(_commitOffset, transaction, group, topic.Id, partition, offset, nowMs);
        _commitOffset.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// Deletes records of one partition with offsets in [<paramref name="from"/>, <paramref name="to"/>) and moves its
    /// start offset to <paramref name="to"/> (never backwards). Returns how many records went.
    /// </summary>
    public long DeleteBefore(TopicState topic, int partition, long from, long to)
    {
        using var transaction = Begin();
        Bind(_deleteBefore, transaction, topic.Id, partition, from, to);
        var deleted = _deleteBefore.ExecuteNonQuery();
        Bind(_moveStart, transaction, topic.Id, partition, to);
        _moveStart.ExecuteNonQuery();
        transaction.Commit();
        return deleted;
    }

    public void Dispose()
    {
        _insertRecord.Dispose();
        _dataVersion.Dispose();
        _partitionStarts.Dispose();
        _lastRecord.Dispose();
        _findTopic.Dispose();
        _insertTopic.Dispose();
        _insertPartition.Dispose();
        _commitOffset.Dispose();
        _deleteBefore.Dispose();
        _moveStart.Dispose();
        _connection.Dispose();
    }

    private static void Bind(SqliteCommand command, SqliteTransaction? transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    /// <summary>BEGIN IMMEDIATE, then a data_version check that invalidates caches if another process wrote.</summary>
    private SqliteTransaction Begin()
    {
        var transaction = _connection.BeginTransaction(deferred: false);
        CheckDataVersion();
        return transaction;
    }

    /// <summary>
    /// BEGIN IMMEDIATE through the C API, for the append path (whose statements are raw too); Microsoft.Data.Sqlite
    /// does not see this transaction, so commands used inside it leave their Transaction null.
    /// </summary>
    private void BeginRaw()
    {
        SqliteRawStatement.Execute(_connection, "BEGIN IMMEDIATE;");
        try
        {
            CheckDataVersion();
        }
        catch
        {
            SqliteRawStatement.Execute(_connection, "ROLLBACK;");
            throw;
        }
    }

    private void CheckDataVersion()
    {
        _dataVersion.Step();
        var version = _dataVersion.GetInt64(0);
        _dataVersion.Reset();
        if (version != _lastDataVersion)
        {
            _lastDataVersion = version;
            Generation++;
        }
    }

    /// <summary>Loads the topic's next offsets and last timestamps from the file unless loaded in this generation.</summary>
    private void EnsureLoaded(TopicState topic, SqliteTransaction? transaction)
    {
        if (topic.LoadedGeneration == Generation)
        {
            return;
        }

        Array.Clear(topic.NextOffsets);
        Array.Clear(topic.LastTimestamps);
        Array.Clear(topic.BytesThrough);
        Bind(_partitionStarts, transaction, topic.Id);
        using (var reader = _partitionStarts.ExecuteReader())
        {
            while (reader.Read())
            {
                topic.NextOffsets[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        for (var p = 0; p < topic.Partitions; p++)
        {
            Bind(_lastRecord, transaction, topic.Id, p);
            using var reader = _lastRecord.ExecuteReader();
            if (reader.Read())
            {
                topic.NextOffsets[p] = Math.Max(topic.NextOffsets[p], reader.GetInt64(0) + 1);
                topic.LastTimestamps[p] = reader.GetInt64(1);
                topic.BytesThrough[p] = reader.GetInt64(2);
            }

            topic.Signals[p].Advance(topic.NextOffsets[p]);
        }

        topic.LoadedGeneration = Generation;
    }
}
