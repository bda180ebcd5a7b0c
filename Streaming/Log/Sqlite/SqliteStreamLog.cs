using System.Collections.Concurrent;
using System.Text;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>
/// The embedded, durable <see cref="IStreamLog"/>: one SQLite file in WAL mode. One writer connection appends
/// (SQLite allows a single writer; a batch is one transaction with a reused prepared insert), pooled reader
/// connections read concurrently, and per-partition end offsets are cached in memory so appends never query them.
/// Several instances (also in several processes) may open the same file: appends stay dense because each write
/// transaction first checks <c>PRAGMA data_version</c> and reloads the cache if someone else wrote.
/// </summary>
/// <remarks>All members are safe to call concurrently.</remarks>
public sealed class SqliteStreamLog : IStreamLog, IAsyncDisposable, IDisposable
{
    // WAL accounting estimate: B-tree cell overhead of a record row.
    private const int RowOverheadBytes = 32;

    private readonly SqliteStreamLogOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SqliteLogWriter _writer;
    private readonly SqliteLogReaderPool _readers;
    private readonly SqliteLogCheckpointer _checkpointer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TopicState> _topics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    // Approximate bytes written to the WAL since the last checkpoint request; guarded by _writeLock.
    private long _uncheckpointedBytes;

    /// <summary>Opens (creating if needed) the log file named by <paramref name="options"/>.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="timeProvider">Clock for log-append timestamps, retention and polling; null for the system clock.</param>
    public SqliteStreamLog(SqliteStreamLogOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // A private copy: later changes to the caller's object cannot change a running log.
        options = options.Clone();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        FilePath = options.ResolveFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        _readers = new SqliteLogReaderPool(FilePath, options);
        _checkpointer = new SqliteLogCheckpointer(FilePath, options, _writeLock);
        _writer = new SqliteLogWriter(FilePath, options);
        try
        {
            foreach (var topic in _writer.LoadAllTopics())
            {
                _topics[topic.Info.Name] = topic;
            }
        }
        catch
        {
            _writer.Dispose();
            throw;
        }
    }

    /// <summary>Full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The background checkpointer (tests observe it).</summary>
    internal SqliteLogCheckpointer Checkpointer => _checkpointer;

    /// <inheritdoc />
    public async ValueTask<TopicInfo> CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        TopicInfo.ThrowIfInvalidPartitionCount(partitions);

        ThrowIfDisposed();
        var state = FindTopic(topic);
        if (state is null)
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                ThrowIfDisposed();
                var (id, info) = _writer.CreateTopic(topic, partitions, NowMs());
                state = _topics.GetOrAdd(topic, (_, created) => NewTopicState(created.id, created.info), (id, info));
            }
            finally
            {
                _writeLock.Release();
            }
        }

        if (state.Partitions != partitions)
        {
            throw new InvalidOperationException(
                $"Topic '{topic}' already exists with {state.Partitions} partitions; it cannot be created with {partitions}.");
        }

        return state.Info;
    }

    /// <inheritdoc />
    public ValueTask<TopicInfo?> GetTopicAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        return ValueTask.FromResult(FindTopic(topic)?.Info);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var rows = _readers.Use(static reader => reader.ListTopics());
        var topics = new TopicInfo[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            topics[i] = rows[i].Info;
        }

        return ValueTask.FromResult<IReadOnlyList<TopicInfo>>(topics);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AppendResult>> AppendAsync(string topic, IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ArgumentNullException.ThrowIfNull(records);
        ThrowIfDisposed();
        var state = RequireTopic(topic);
        if (records.Count == 0)
        {
            return [];
        }

        // Everything that can fail on bad input, and the CPU work, happens before the write lock is taken.
        var partitions = new int[records.Count];
        var headers = new byte[records.Count][];
        var sizes = new long[records.Count];
        long bytes = 0;
        for (var i = 0; i < partitions.Length; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"Record {i} of the batch is null.", nameof(records));
            if (record.Key is null)
            {
                throw new ArgumentException($"Record {i} of the batch has a null key.", nameof(records));
            }

            partitions[i] = StreamPartitioner.GetPartition(record.Key, state.Partitions);
            headers[i] = EncodeHeaders(record.Headers, i);
            sizes[i] = record.Value.Length + headers[i].Length + Encoding.UTF8.GetByteCount(record.Key);
            bytes += sizes[i] + RowOverheadBytes;
        }

        AppendResult[] results;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            results = _writer.Append(state, partitions, records, headers, sizes, NowMs());
            for (var i = 0; i < results.Length; i++)
            {
                var p = results[i].Partition;
                state.Signals[p].Advance(state.NextOffsets[p]);
            }

            // Measured (8 KiB pages, ~60-byte rows): a commit writes about three times its row bytes (leaf pages are
            // rewritten by later commits and split) plus two pages per partition it touches (the partition's last leaf
            // and its parent) and two more. 117-record appends over 8 partitions, the paced producer's case, wrote
            // 168 KB per commit: an estimate of twice the row bytes plus one page said 21 KB, so the WAL grew to ~8x
            // CheckpointThresholdBytes (130 MB at the default) before a checkpoint was asked for. 1000-record appends
            // to one partition write about half of this estimate: checkpoints come early there, never late.
            CountWalBytes((3 * bytes) + (((2L * DistinctCount(partitions, state.Partitions)) + 2) * _options.PageSize));
        }
        finally
        {
            _writeLock.Release();
        }

        return results;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LogRecord>> ReadAsync(string topic, int partition, long fromOffset, int maxRecords, CancellationToken cancellationToken = default)
    {
        var state = RequirePartition(topic, partition);
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        if (maxRecords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecords), maxRecords, $"maxRecords must be at least 1 (got {maxRecords}).");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var records = _readers.Use((state, partition, fromOffset, maxRecords), static (reader, a) => reader.Read(a.state, a.partition, a.fromOffset, a.maxRecords));
        return ValueTask.FromResult<IReadOnlyList<LogRecord>>(records);
    }

    /// <inheritdoc />
    public async ValueTask WaitForRecordsAsync(string topic, int partition, long offset, CancellationToken cancellationToken)
    {
        var state = RequirePartition(topic, partition);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var signal = state.Signals[partition];
        if (signal.End > offset)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            // Another process may have appended: the file is the authority.
            await signal.WaitPastAsync(
                offset,
                _ => Task.FromResult(_readers.Use((state, partition), static (reader, a) => reader.GetRange(a.state, a.partition)).EndOffset),
                _options.PollInterval,
                _timeProvider,
                linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfDisposed();
            throw;
        }
        finally
        {
            // Stops the pending poll delay's timer now rather than when it would have fired.
            await linked.CancelAsync();
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PartitionOffsets>> GetOffsetsAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var state = RequireTopic(topic);
        var ranges = _readers.Use(state, static (reader, s) => reader.GetRanges(s));
        foreach (var range in ranges)
        {
            state.Signals[range.Partition].Advance(range.EndOffset);
        }

        return ValueTask.FromResult<IReadOnlyList<PartitionOffsets>>(ranges);
    }

    /// <inheritdoc />
    public ValueTask<long> FindOffsetAsync(string topic, int partition, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        var state = RequirePartition(topic, partition);
        var ms = timestamp.ToUnixTimeMilliseconds();
        return ValueTask.FromResult(_readers.Use((state, partition, ms), static (reader, a) => reader.FindOffset(a.state, a.partition, a.ms)));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<int, long>> GetCommittedOffsetsAsync(string group, string topic, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidGroup(group);
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var state = RequireTopic(topic);
        var offsets = _readers.Use((state, group), static (reader, a) => reader.GetCommittedOffsets(a.state, a.group));
        return ValueTask.FromResult<IReadOnlyDictionary<int, long>>(offsets);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListConsumerGroupsAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var state = RequireTopic(topic);
        return ValueTask.FromResult<IReadOnlyList<string>>(_readers.Use(state, static (reader, s) => reader.ListGroups(s)));
    }

    /// <inheritdoc />
    public async ValueTask CommitAsync(string group, string topic, int partition, long offset, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidGroup(group);
        var state = RequirePartition(topic, partition);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            _writer.Commit(group, state, partition, offset, NowMs());
            CountWalBytes(_options.PageSize);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Per partition, the cut is the later of: the first offset at or after now - <see cref="SqliteStreamLogOptions.RetentionAge"/>
    /// (or the topic's own age in <see cref="SqliteStreamLogOptions.RetentionAgeByTopic"/>; binary search, timestamps being monotonic), and the offset after the newest record that overflows
    /// <see cref="SqliteStreamLogOptions.RetentionBytesPerPartition"/> counting back from the end. Records before the cut
    /// are deleted in transactions of at most <see cref="SqliteStreamLogOptions.RetentionDeleteBatchSize"/> records,
    /// so appends interleave.
    /// </remarks>
    public async ValueTask<long> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var now = _timeProvider.GetUtcNow();
        var budget = _options.RetentionBytesPerPartition;
        var rows = _readers.Use(static reader => reader.ListTopics());
        long deleted = 0;
        foreach (var (_, info) in rows)
        {
            var state = RequireTopic(info.Name);
            var cutoffMs = (now - _options.RetentionAgeByTopic.GetValueOrDefault(info.Name, _options.RetentionAge)).ToUnixTimeMilliseconds();
            for (var partition = 0; partition < state.Partitions; partition++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (start, cut) = _readers.Use((state, partition, cutoffMs, budget), static (reader, a) =>
                {
                    var range = reader.GetRange(a.state, a.partition);
                    var cut = reader.FindOffset(a.state, a.partition, a.cutoffMs);
                    if (a.budget is { } bytes)
                    {
                        cut = Math.Max(cut, reader.FindSizeCut(a.state, a.partition, bytes));
                    }

                    return (range.StartOffset, Math.Min(cut, range.EndOffset));
                });

                for (var from = start; from < cut;)
                {
                    var to = Math.Min(cut, from + _options.RetentionDeleteBatchSize);
                    await _writeLock.WaitAsync(cancellationToken);
                    try
                    {
                        ThrowIfDisposed();
                        var removed = _writer.DeleteBefore(state, partition, from, to);
                        deleted += removed;
                        CountWalBytes(_options.PageSize + (removed * RowOverheadBytes));
                    }
                    finally
                    {
                        _writeLock.Release();
                    }

                    from = to;
                }
            }
        }

        return deleted;
    }

    /// <summary>Closes every connection. Safe to call more than once; later calls to other members throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();

        // Before taking the write lock: a running checkpoint may need it for its last pass.
        _checkpointer.Dispose();
        _writeLock.Wait();
        try
        {
            _writer.Dispose();
            _readers.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Adds to the WAL estimate and starts a background checkpoint when it passes the threshold. Call under the write lock.</summary>
    private void CountWalBytes(long bytes)
    {
        _uncheckpointedBytes += bytes;
        if (_uncheckpointedBytes >= _options.CheckpointThresholdBytes)
        {
            _uncheckpointedBytes = 0;
            _checkpointer.Request();
        }
    }

    /// <summary>How many different values <paramref name="partitions"/> holds (each in 0 to <paramref name="partitionCount"/> - 1).</summary>
    private static int DistinctCount(int[] partitions, int partitionCount)
    {
        Span<bool> seen = partitionCount <= 1024 ? stackalloc bool[partitionCount] : new bool[partitionCount];
        var distinct = 0;
        foreach (var partition in partitions)
        {
            if (!seen[partition])
            {
                seen[partition] = true;
                distinct++;
            }
        }

        return distinct;
    }

    private static void ThrowIfInvalidGroup(string group)
    {
        if (string.IsNullOrWhiteSpace(group))
        {
            throw new ArgumentException("A consumer group name must not be null, empty or whitespace.", nameof(group));
        }
    }

    private static byte[] EncodeHeaders(IReadOnlyDictionary<string, string>? headers, int index)
    {
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                if (name is null || value is null)
                {
                    throw new ArgumentException($"Record {index} of the batch has a header with a null name or value.", "records");
                }
            }
        }

        return RecordHeaderCodec.Encode(headers);
    }

    private TopicState RequirePartition(string topic, int partition)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var state = RequireTopic(topic);
        if ((uint)partition >= (uint)state.Partitions)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition,
                $"Topic '{topic}' has partitions 0 to {state.Partitions - 1} (got {partition}).");
        }

        return state;
    }

    private TopicState RequireTopic(string topic) => FindTopic(topic) ?? throw new UnknownTopicException(topic);

    /// <summary>The cached topic, or the file's (another process may have created it), or null.</summary>
    private TopicState? FindTopic(string topic)
    {
        if (_topics.TryGetValue(topic, out var state))
        {
            return state;
        }

        if (_readers.Use(topic, static (reader, name) => reader.FindTopic(name)) is not var (id, info))
        {
            return null;
        }

        return _topics.GetOrAdd(topic, (_, found) => NewTopicState(found.id, found.info), (id, info));
    }

    private TopicState NewTopicState(long id, TopicInfo info)
    {
        var state = new TopicState(id, info);
        foreach (var range in _readers.Use(state, static (reader, s) => reader.GetRanges(s)))
        {
            state.Signals[range.Partition].Advance(range.EndOffset);
        }

        return state;
    }

    private long NowMs() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
