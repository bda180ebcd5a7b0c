using Microsoft.Data.Sqlite;
using StreamOrleans.Streaming.Sqlite;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>
/// One read-only use connection with its prepared queries. WAL lets any number of these read while the writer
/// appends; each statement sees a consistent snapshot. Not thread-safe: rent one from <see cref="SqliteLogReaderPool"/>.
/// </summary>
internal sealed class SqliteLogReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteRawStatement _readRange;
    private readonly SqliteCommand _partitionRange;
    private readonly SqliteCommand _topicOffsets;
    private readonly SqliteCommand _firstAtOrAfter;
    private readonly SqliteCommand _topicByName;
    private readonly SqliteCommand _allTopics;
    private readonly SqliteCommand _committedOffsets;
    private readonly SqliteCommand _groups;

    public SqliteLogReader(string filePath, SqliteStreamLogOptions options)
    {
        _connection = SqliteLogConnections.Open(filePath, options);
        try
        {
            _readRange = new SqliteRawStatement(_connection, """
                SELECT record_offset, timestamp, key, value, headers FROM records
                WHERE topic_id = ?1 AND partition_id = ?2 AND record_offset >= ?3
                ORDER BY record_offset LIMIT ?4;
                """);
            _partitionRange = SqliteLogConnections.Prepare(_connection, """
                SELECT start_offset,
                       (SELECT MAX(record_offset) + 1 FROM records WHERE topic_id = $t AND partition_id = $p)
                FROM partitions WHERE topic_id = $t AND partition_id = $p;
                """, "$t", "$p");
            _topicOffsets = SqliteLogConnections.Prepare(_connection, """
                SELECT p.partition_id, p.start_offset,
                       (SELECT MAX(r.record_offset) + 1 FROM records r WHERE r.topic_id = p.topic_id AND r.partition_id = p.partition_id)
                FROM partitions p WHERE p.topic_id = $t ORDER BY p.partition_id;
                """, "$t");
            _firstAtOrAfter = SqliteLogConnections.Prepare(_connection, """
                SELECT record_offset, timestamp, bytes_through, length(value) + length(CAST(key AS BLOB)) + length(headers) FROM records
                WHERE topic_id = $t AND partition_id = $p AND record_offset >= $o
                ORDER BY record_offset LIMIT 1;
                """, "$t", "$p", "$o");
            _topicByName = SqliteLogConnections.Prepare(_connection, "SELECT id, partitions, created_at FROM topics WHERE name = $n;", "$n");
            _allTopics = SqliteLogConnections.Prepare(_connection, "SELECT id, name, partitions, created_at FROM topics ORDER BY name;");
            _committedOffsets = SqliteLogConnections.Prepare(_connection, """
                SELECT partition_id, next_offset FROM consumer_offsets WHERE topic_id = $t AND group_name = $g;
                """, "$t", "$g");
            _groups = SqliteLogConnections.Prepare(_connection, """
                SELECT DISTINCT group_name FROM consumer_offsets WHERE topic_id = $t ORDER BY group_name;
                """, "$t");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Up to <paramref name="maxRecords"/> records from <paramref name="fromOffset"/> on, in offset order.</summary>
    public List<LogRecord> Read(TopicState topic, int partition, long fromOffset, int maxRecords)
    {
        var statement = _readRange;
        statement.Bind(1, topic.Id);
        statement.Bind(2, partition);
        statement.Bind(3, fromOffset);
        statement.Bind(4, maxRecords);
        var records = new List<LogRecord>(Math.Min(maxRecords, 1024));
        var name = topic.Info.Name;
        try
        {
            while (statement.Step())
            {
                records.Add(new LogRecord(
                    name,
                    partition,
                    statement.GetInt64(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(statement.GetInt64(1)),
                    statement.GetString(2),
                    statement.GetBlob(3).ToArray(),
                    RecordHeaderCodec.Decode(statement.GetBlob(4))));
            }
        }
        finally
        {
            // Ends the statement's read snapshot so WAL checkpoints are not held back.
            statement.Reset();
        }

        return records;
    }

    /// <summary>Start and end offsets of one partition as the file holds them now.</summary>
    public PartitionOffsets GetRange(TopicState topic, int partition)
    {
        var command = _partitionRange;
        command.Parameters[0].Value = topic.Id;
        command.Parameters[1].Value = partition;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return new PartitionOffsets(partition, 0, 0);
        }

        var start = reader.GetInt64(0);
        var end = reader.IsDBNull(1) ? start : Math.Max(start, reader.GetInt64(1));
        return new PartitionOffsets(partition, start, end);
    }

    /// <summary>Start and end offsets of every partition of the topic.</summary>
    public List<PartitionOffsets> GetRanges(TopicState topic)
    {
        var command = _topicOffsets;
        command.Parameters[0].Value = topic.Id;
        var ranges = new List<PartitionOffsets>(topic.Partitions);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var start = reader.GetInt64(1);
            var end = reader.IsDBNull(2) ? start : Math.Max(start, reader.GetInt64(2));
            ranges.Add(new PartitionOffsets(reader.GetInt32(0), start, end));
        }

        return ranges;
    }

    /// <summary>
    /// The first offset whose timestamp (unix ms) is at or after <paramref name="timestamp"/>, or the end offset.
    /// Timestamps are monotonic per partition, so this is a binary search (see <see cref="FindFirst"/>); appends pay
    /// for no timestamp index.
    /// </summary>
    public long FindOffset(TopicState topic, int partition, long timestamp)
    {
        using var snapshot = _connection.BeginTransaction(deferred: true);
        var range = GetRange(topic, partition, snapshot);
        return FindFirst(topic, partition, range, p => p.Timestamp >= timestamp, snapshot);
    }

    /// <summary>
    /// The first offset to keep so that the partition's newest records total at most <paramref name="budget"/> bytes
    /// (key + value + headers); the start offset when everything fits. Each record stores the running byte total of
    /// its partition (<c>bytes_through</c>, monotonic), so records [c, end) total bytes_through(end-1) - bytes_through(c-1)
    /// and the cut is one binary search: the first x with bytes_through(x) at least total - budget, plus one.
    /// </summary>
    public long FindSizeCut(TopicState topic, int partition, long budget)
    {
        using var snapshot = _connection.BeginTransaction(deferred: true);
        var range = GetRange(topic, partition, snapshot);
        if (range.StartOffset >= range.EndOffset
            || FirstAtOrAfter(topic, partition, range.StartOffset, snapshot) is not { } first
            || FirstAtOrAfter(topic, partition, range.EndOffset - 1, snapshot) is not { } last)
        {
            return range.StartOffset;
        }

        var total = last.BytesThrough;
        if (total - (first.BytesThrough - first.Size) <= budget)
        {
            return range.StartOffset;
        }

        var threshold = total - budget;
        var x = FindFirst(topic, partition, range, p => p.BytesThrough >= threshold, snapshot);
        return Math.Min(x + 1, range.EndOffset);
    }

    /// <summary>
    /// The first offset in the partition's range whose record satisfies <paramref name="qualifies"/>, which must be
    /// monotonic in the offset (false...false true...true); the end offset when none does.
    /// Method: binary search over offsets; each probe is one primary-key seek, so a search costs about
    /// log2(records) seeks. A probe lands on the first record at or after its offset, which tolerates the gap a
    /// concurrent retention leaves at the front (retention only removes prefixes).
    /// </summary>
    private long FindFirst(TopicState topic, int partition, PartitionOffsets range, Func<RecordProbe, bool> qualifies, SqliteTransaction snapshot)
    {
        var low = range.StartOffset;
        var high = range.EndOffset;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (FirstAtOrAfter(topic, partition, middle, snapshot) is not { } probe)
            {
                return range.EndOffset;
            }

            if (qualifies(probe))
            {
                if (probe.Offset > middle)
                {
                    // Records before this one are gone, so nothing earlier qualifies.
                    return probe.Offset;
                }

                high = middle;
            }
            else
            {
                low = probe.Offset + 1;
            }
        }

        return low;
    }

    /// <summary>The first record at or after <paramref name="offset"/>, or null.</summary>
    private RecordProbe? FirstAtOrAfter(TopicState topic, int partition, long offset, SqliteTransaction transaction)
    {
        var command = _firstAtOrAfter;
        command.Transaction = transaction;
        command.Parameters[0].Value = topic.Id;
        command.Parameters[1].Value = partition;
        command.Parameters[2].Value = offset;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new RecordProbe(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)) : null;
    }

    /// <summary>The topic's row, or null.</summary>
    public (long Id, TopicInfo Info)? FindTopic(string name)
    {
        _topicByName.Parameters[0].Value = name;
        using var reader = _topicByName.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), new TopicInfo(name, reader.GetInt32(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))))
            : null;
    }

    /// <summary>Every topic row, ordered by name.</summary>
    public List<(long Id, TopicInfo Info)> ListTopics()
    {
        var topics = new List<(long, TopicInfo)>();
        using var reader = _allTopics.ExecuteReader();
        while (reader.Read())
        {
            topics.Add((reader.GetInt64(0), new TopicInfo(reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))));
        }

        return topics;
    }

    /// <summary>The group's committed offsets for the topic.</summary>
    public Dictionary<int, long> GetCommittedOffsets(TopicState topic, string group)
    {
        _committedOffsets.Parameters[0].Value = topic.Id;
        _committedOffsets.Parameters[1].Value = group;
        var offsets = new Dictionary<int, long>();
        using var reader = _committedOffsets.ExecuteReader();
        while (reader.Read())
        {
            offsets[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return offsets;
    }

    /// <summary>Groups with a committed offset for the topic, ordered by name.</summary>
    public List<string> ListGroups(TopicState topic)
    {
        _groups.Parameters[0].Value = topic.Id;
        var groups = new List<string>();
        using var reader = _groups.ExecuteReader();
        while (reader.Read())
        {
            groups.Add(reader.GetString(0));
        }

        return groups;
    }

    public void Dispose()
    {
        _readRange.Dispose();
        _partitionRange.Dispose();
        _topicOffsets.Dispose();
        _firstAtOrAfter.Dispose();
        _topicByName.Dispose();
        _allTopics.Dispose();
        _committedOffsets.Dispose();
        _groups.Dispose();
        _connection.Dispose();
    }

    private PartitionOffsets GetRange(TopicState topic, int partition, SqliteTransaction transaction)
    {
        _partitionRange.Transaction = transaction;
        try
        {
            return GetRange(topic, partition);
        }
        finally
        {
            _partitionRange.Transaction = null;
        }
    }
}
