using System.Collections.Concurrent;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>
/// <see cref="IStreamLog"/> on Apache Kafka (or Azure Event Hubs' Kafka endpoint). Topics are created through the
/// admin client; appends go through one shared idempotent producer (acks=all) to the partition
/// <see cref="StreamPartitioner"/> gives the key; each partition is read by its own assigned consumer; offsets and
/// watermarks come from the brokers; consumer-group offsets are Kafka's own (__consumer_offsets).
/// </summary>
/// <remarks>
/// Differences from the contract, all inherent to Kafka without transactions:
/// <list type="bullet">
/// <item>A batch is not atomic across partitions: if an append fails part-way, the records already acknowledged stay
/// (per partition, order is kept and the idempotent producer never duplicates or reorders on retries).</item>
/// <item><see cref="ApplyRetentionAsync"/> does nothing: the brokers apply retention.ms / retention.bytes.</item>
/// <item><see cref="TopicInfo.CreatedAt"/> is not in Kafka's metadata: reported as the Unix epoch.</item>
/// </list>
/// The log never joins a consumer group: Orleans balances the partitions (queues) over silos, and offsets are
/// committed with the admin client (AlterConsumerGroupOffsets), which Kafka accepts only while the group has no live
/// members. All members are safe to call concurrently.
/// </remarks>
public sealed class KafkaStreamLog : IStreamLog, IAsyncDisposable, IDisposable
{
    /// <summary>Reported as <see cref="TopicInfo.CreatedAt"/>: Kafka does not expose topic creation times.</summary>
    public static readonly DateTimeOffset UnknownCreationTime = DateTimeOffset.UnixEpoch;

    private readonly KafkaOptions _options;
    private readonly string _ownGroup;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lazy<IProducer<string, byte[]>> _producer;
    private readonly Lazy<IAdminClient> _admin;
    private readonly Lazy<IConsumer<string, byte[]>> _offsets;
    private readonly Lazy<KafkaTopicAdmin> _topicAdmin;
    private readonly ConcurrentDictionary<string, TopicInfo> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Topic, int Partition), KafkaPartitionReader> _readers = new();
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionSignal> _signals = new();
    private readonly CancellationTokenSource _disposing = new();
    private long _lastEviction = Environment.TickCount64;
    private int _disposed;

    /// <summary>Connects lazily (the first call that needs a client creates it) with validated <paramref name="options"/>.</summary>
    /// <param name="options">Provider settings; validated here.</param>
    /// <param name="consumerGroup">The silo's consumer group (Streams:ConsumerGroup).</param>
    /// <param name="timeProvider">Clock for polling delays; null for the system clock.</param>
    /// <param name="logger">Logger; null for none.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public KafkaStreamLog(KafkaOptions options, string consumerGroup, TimeProvider? timeProvider = null, ILogger<KafkaStreamLog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        options.ThrowIfInvalid(nameof(options));
        _options = options;
        _ownGroup = consumerGroup;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _producer = new(() => new ProducerBuilder<string, byte[]>(KafkaClientConfigs.ForProducer(options))
            .SetErrorHandler((_, e) => _logger.LogWarning("Kafka producer: {Reason} ({Code})", e.Reason, e.Code))
            .Build());
        _admin = new(() => new AdminClientBuilder(KafkaClientConfigs.ForAdmin(options))
            .SetErrorHandler((_, e) => _logger.LogWarning("Kafka admin client: {Reason} ({Code})", e.Reason, e.Code))
            .Build());
        _offsets = new(() => new ConsumerBuilder<string, byte[]>(KafkaClientConfigs.ForReader(options)).Build());
        _topicAdmin = new(() => new KafkaTopicAdmin(_admin.Value, options, _timeProvider));
    }

    /// <summary>A partition reader unused for this long is closed (it stops fetching). Default 2 minutes.</summary>
    internal TimeSpan ReaderIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The silo's consumer group.</summary>
    public string ConsumerGroup => _ownGroup;

    /// <inheritdoc />
    /// <remarks>Waits (up to OperationTimeout) until the brokers' metadata shows the topic with a leader for every partition.</remarks>
    public async ValueTask<TopicInfo> CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        TopicInfo.ThrowIfInvalidPartitionCount(partitions);

        ThrowIfDisposed();
        var info = await GetTopicAsync(topic, cancellationToken);
        if (info is null)
        {
            info = Remember(await _topicAdmin.Value.CreateAsync(topic, partitions, cancellationToken));
            _logger.LogInformation("Kafka topic {Topic} has {Partitions} partitions", topic, info.Partitions);
        }

        if (info.Partitions != partitions)
        {
            throw new InvalidOperationException(
                $"Topic '{topic}' already exists with {info.Partitions} partitions; it cannot be created with {partitions}.");
        }

        return info;
    }

    /// <inheritdoc />
    public async ValueTask<TopicInfo?> GetTopicAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var found = (await ReadMetadataAsync(cancellationToken)).FirstOrDefault(t => t.Topic == topic);
        return found is null ? null : Remember(found);
    }

    /// <inheritdoc />
    /// <remarks>Internal topics (names starting with "__", such as __consumer_offsets) are left out.</remarks>
    public async ValueTask<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return (await ReadMetadataAsync(cancellationToken))
            .Where(t => !t.Topic.StartsWith("__", StringComparison.Ordinal))
            .Select(Remember)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Durable per the brokers' acks=all and min.insync.replicas. NOT atomic across partitions (see the class remarks):
    /// when a record fails, the exception (a <see cref="ProduceException{TKey, TValue}"/>) is thrown after every record
    /// of the batch has been acknowledged or failed, and the acknowledged ones stay in the log.
    /// </remarks>
    public async ValueTask<IReadOnlyList<AppendResult>> AppendAsync(string topic, IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ArgumentNullException.ThrowIfNull(records);
        ThrowIfDisposed();
        var info = await RequireTopicAsync(topic, cancellationToken);
        if (records.Count == 0)
        {
            return [];
        }

        // Everything that can fail on bad input happens before the first record is sent.
        var messages = new Message<string, byte[]>[records.Count];
        var partitions = new int[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"Record {i} of the batch is null.", nameof(records));
            if (record.Key is null)
            {
                throw new ArgumentException($"Record {i} of the batch has a null key.", nameof(records));
            }

            messages[i] = KafkaRecordCodec.ToMessage(record);
            partitions[i] = StreamPartitioner.GetPartition(record.Key, info.Partitions);
        }

        // Produced in input order: per partition, the idempotent producer keeps that order.
        var producer = _producer.Value;
        var deliveries = new Task<DeliveryResult<string, byte[]>>[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            deliveries[i] = producer.ProduceAsync(new Confluent.Kafka.TopicPartition(topic, new Partition(partitions[i])), messages[i], CancellationToken.None);
        }

        try
        {
            await Task.WhenAll(deliveries).WaitAsync(cancellationToken);
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.Code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic)
        {
            _topics.TryRemove(topic, out _);
            throw new UnknownTopicException($"Topic '{topic}' does not exist (any more) on the Kafka cluster: {e.Error.Reason}", e);
        }

        var results = new AppendResult[deliveries.Length];
        for (var i = 0; i < deliveries.Length; i++)
        {
            var delivered = deliveries[i].Result;
            results[i] = new AppendResult(delivered.Partition.Value, delivered.Offset.Value);
            Signal(topic, results[i].Partition).Advance(results[i].Offset + 1);
        }

        return results;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<LogRecord>> ReadAsync(string topic, int partition, long fromOffset, int maxRecords, CancellationToken cancellationToken = default)
    {
        await RequirePartitionAsync(topic, partition, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        if (maxRecords < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecords), maxRecords, $"maxRecords must be at least 1 (got {maxRecords}).");
        }

        EvictIdleReaders();
        IReadOnlyList<LogRecord> records;
        while (true)
        {
            var reader = _readers.GetOrAdd((topic, partition), static (key, options) => new KafkaPartitionReader(options, key.Topic, key.Partition), _options);
            try
            {
                records = await reader.ReadAsync(fromOffset, maxRecords, cancellationToken);
                break;
            }
            catch (ObjectDisposedException) when (Volatile.Read(ref _disposed) == 0)
            {
                // Evicted as idle just now: take a fresh one.
                _readers.TryRemove(new KeyValuePair<(string, int), KafkaPartitionReader>((topic, partition), reader));
            }
        }

        if (records.Count > 0)
        {
            Signal(topic, partition).Advance(records[^1].Offset + 1);
        }

        return records;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Appends through this instance wake waiters at once; others are noticed within <see cref="KafkaOptions.PollInterval"/>,
    /// from the partition reader's last fetch when it has one (no broker request) or else by asking the broker.
    /// </remarks>
    public async ValueTask WaitForRecordsAsync(string topic, int partition, long offset, CancellationToken cancellationToken)
    {
        await RequirePartitionAsync(topic, partition, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        try
        {
            await Signal(topic, partition).WaitPastAsync(offset, token => EndOffsetAsync(topic, partition, token), _options.PollInterval, _timeProvider, linked.Token);
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

    // The reader's last fetch knows the end without a broker request; otherwise ask the broker.
    private async Task<long> EndOffsetAsync(string topic, int partition, CancellationToken token) =>
        _readers.TryGetValue((topic, partition), out var reader) && reader.CachedEndOffset is { } cached
            ? cached
            : await Task.Run(() => _offsets.Value.QueryWatermarkOffsets(Tp(topic, partition), _options.OperationTimeout).High.Value, token);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PartitionOffsets>> GetOffsetsAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var info = await RequireTopicAsync(topic, cancellationToken);
        // One ListOffsets round trip per partition, in parallel (the consumer-lag gauge waits for this).
        var consumer = _offsets.Value;
        return await Task.WhenAll(Enumerable.Range(0, info.Partitions).Select(p => Task.Run(() =>
        {
            var marks = consumer.QueryWatermarkOffsets(Tp(topic, p), _options.OperationTimeout);
            Signal(topic, p).Advance(marks.High.Value);
            return new PartitionOffsets(p, marks.Low.Value, marks.High.Value);
        }, cancellationToken)));
    }

    /// <inheritdoc />
    /// <remarks>Kafka's offsets-for-times lookup (on the record timestamps: log-append time on topics this provider created).</remarks>
    public async ValueTask<long> FindOffsetAsync(string topic, int partition, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        await RequirePartitionAsync(topic, partition, cancellationToken);
        return await Task.Run(() =>
        {
            var tp = Tp(topic, partition);
            var found = _offsets.Value.OffsetsForTimes([new TopicPartitionTimestamp(tp, new Timestamp(timestamp))], _options.OperationTimeout);
            var offset = found.Count == 1 ? found[0].Offset.Value : -1;
            return offset >= 0 ? offset : _offsets.Value.QueryWatermarkOffsets(tp, _options.OperationTimeout).High.Value;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<int, long>> GetCommittedOffsetsAsync(string group, string topic, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidGroup(group);
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var info = await RequireTopicAsync(topic, cancellationToken);
        var request = new ConsumerGroupTopicPartitions(group, [.. Enumerable.Range(0, info.Partitions).Select(p => Tp(topic, p))]);
        var results = await _admin.Value.ListConsumerGroupOffsetsAsync([request], new ListConsumerGroupOffsetsOptions { RequestTimeout = _options.OperationTimeout });
        var offsets = new Dictionary<int, long>();
        foreach (var partition in results.SelectMany(r => r.Partitions))
        {
            if (partition.Topic == topic && partition.Offset.Value >= 0)
            {
                offsets[partition.Partition.Value] = partition.Offset.Value;
            }
        }

        return offsets;
    }

    /// <inheritdoc />
    /// <remarks>Lists the cluster's groups (DescribeGroups-era ListGroups API) and keeps those with a committed offset for the topic.</remarks>
    public async ValueTask<IReadOnlyList<string>> ListConsumerGroupsAsync(string topic, CancellationToken cancellationToken = default)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        await RequireTopicAsync(topic, cancellationToken);
        var groups = await Task.Run(() => _admin.Value.ListGroups(_options.OperationTimeout), cancellationToken);
        List<string> withOffsets = [];
        foreach (var group in groups.Select(g => g.Group).Distinct(StringComparer.Ordinal))
        {
            if ((await GetCommittedOffsetsAsync(group, topic, cancellationToken)).Count > 0)
            {
                withOffsets.Add(group);
            }
        }

        withOffsets.Sort(StringComparer.Ordinal);
        return withOffsets;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Through the admin client (AlterConsumerGroupOffsets), which the broker rejects while the group has live
    /// members (an external consumer group being rewound must be stopped first).
    /// </remarks>
    public async ValueTask CommitAsync(string group, string topic, int partition, long offset, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalidGroup(group);
        await RequirePartitionAsync(topic, partition, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var request = new ConsumerGroupTopicPartitionOffsets(group, [new TopicPartitionOffset(Tp(topic, partition), new Offset(offset))]);
        await _admin.Value.AlterConsumerGroupOffsetsAsync([request], new AlterConsumerGroupOffsetsOptions { RequestTimeout = _options.OperationTimeout });
    }

    /// <inheritdoc />
    /// <remarks>Always 0: Kafka brokers apply the topics' retention.ms / retention.bytes themselves.</remarks>
    public ValueTask<long> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(0L);
    }

    /// <summary>Flushes the producer (up to OperationTimeout) and closes every client. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        foreach (var reader in _readers.Values)
        {
            reader.Dispose();
        }

        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(_options.OperationTimeout);
            _producer.Value.Dispose();
        }

        if (_offsets.IsValueCreated)
        {
            _offsets.Value.Dispose();
        }

        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        _disposing.Dispose();
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Builds the idempotent producer now (no broker needed); tests use it to prove the client configuration is accepted.</summary>
    internal IProducer<string, byte[]> Producer => _producer.Value;

    private static Confluent.Kafka.TopicPartition Tp(string topic, int partition) => new(topic, new Partition(partition));

    private static void ThrowIfInvalidGroup(string group)
    {
        if (string.IsNullOrWhiteSpace(group))
        {
            throw new ArgumentException("A consumer group name must not be null, empty or whitespace.", nameof(group));
        }
    }

    /// <summary>
    /// Closes readers nobody read or waited on for <see cref="ReaderIdleTimeout"/> (partitions that moved to another
    /// replica), at most once per that period, so they stop fetching. Their receiver, if it comes back, gets a new one.
    /// </summary>
    private void EvictIdleReaders()
    {
        var now = Environment.TickCount64;
        var idleMs = (long)ReaderIdleTimeout.TotalMilliseconds;
        var last = Volatile.Read(ref _lastEviction);
        if (now - last < idleMs || Interlocked.CompareExchange(ref _lastEviction, now, last) != last)
        {
            return;
        }

        foreach (var (key, reader) in _readers)
        {
            if (now - reader.LastUsed >= idleMs && _readers.TryRemove(new KeyValuePair<(string, int), KafkaPartitionReader>(key, reader)))
            {
                _ = Task.Run(reader.Dispose);
            }
        }
    }

    private PartitionSignal Signal(string topic, int partition) =>
        _signals.GetOrAdd((topic, partition), static _ => new PartitionSignal(0));

    private TopicInfo Remember(TopicMetadata metadata)
    {
        var info = new TopicInfo(metadata.Topic, metadata.Partitions.Count, UnknownCreationTime);
        _topics[metadata.Topic] = info;
        return info;
    }

    private Task<List<TopicMetadata>> ReadMetadataAsync(CancellationToken cancellationToken) => _topicAdmin.Value.ReadMetadataAsync(cancellationToken);

    private async ValueTask<TopicInfo> RequireTopicAsync(string topic, CancellationToken cancellationToken) =>
        _topics.TryGetValue(topic, out var info) ? info : await GetTopicAsync(topic, cancellationToken) ?? throw new UnknownTopicException(topic);

    private async ValueTask RequirePartitionAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        TopicName.ThrowIfInvalid(topic, nameof(topic));
        ThrowIfDisposed();
        var info = await RequireTopicAsync(topic, cancellationToken);
        if ((uint)partition >= (uint)info.Partitions)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition,
                $"Topic '{topic}' has partitions 0 to {info.Partitions - 1} (got {partition}).");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
