using Confluent.Kafka;

namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>
/// Reads one partition through its own consumer, assigned (not subscribed: no group, no commits) at the requested
/// offset. Sequential reads continue from the consumer's position without seeking, and the consumer keeps fetching
/// in the background, so its cached high watermark also tells <see cref="KafkaStreamLog.WaitForRecordsAsync"/> about
/// new records without a broker round trip.
/// </summary>
/// <remarks>One read at a time (the partition's queue receiver is its only caller); calls block and run on the thread pool.</remarks>
internal sealed class KafkaPartitionReader : IDisposable
{
    private static readonly TimeSpan ConsumeSlice = TimeSpan.FromMilliseconds(100);

    private readonly KafkaOptions _options;
    private readonly TopicPartition _partition;
    private readonly Lazy<IConsumer<string, byte[]>> _consumer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _position = -1;
    private long _lastUsed = Environment.TickCount64;
    private int _disposed;

    public KafkaPartitionReader(KafkaOptions options, string topic, int partition)
    {
        _options = options;
        _partition = new TopicPartition(topic, new Partition(partition));
        _consumer = new Lazy<IConsumer<string, byte[]>>(
            () => new ConsumerBuilder<string, byte[]>(KafkaClientConfigs.ForReader(options)).Build(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>When this reader was last read or waited on (<see cref="Environment.TickCount64"/>).</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>The partition's end offset as of the consumer's last fetch, or null when it has not fetched yet.</summary>
    public long? CachedEndOffset
    {
        get
        {
            Volatile.Write(ref _lastUsed, Environment.TickCount64);
            if (Volatile.Read(ref _disposed) != 0 || !_consumer.IsValueCreated || Volatile.Read(ref _position) < 0)
            {
                return null;
            }

            var high = _consumer.Value.GetWatermarkOffsets(_partition).High;
            return high.Value >= 0 ? high.Value : null;
        }
    }

    /// <summary>Up to <paramref name="maxRecords"/> records from <paramref name="fromOffset"/> (or the oldest retained one); empty at the end.</summary>
    public async Task<IReadOnlyList<LogRecord>> ReadAsync(long fromOffset, int maxRecords, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastUsed, Environment.TickCount64);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return await Task.Run(() => Read(fromOffset, maxRecords, cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _gate.Wait();
        try
        {
            if (_consumer.IsValueCreated)
            {
                // Close() is for group members; an assigned-only consumer is simply destroyed.
                _consumer.Value.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<LogRecord> Read(long fromOffset, int maxRecords, CancellationToken cancellationToken)
    {
        var consumer = _consumer.Value;

        // Kafka resets a consumer positioned past the end to auto.offset.reset (the start), so never assign beyond
        // the end: learn the end first, from the last fetch when it shows records, else from the broker.
        var cached = consumer.GetWatermarkOffsets(_partition);
        var end = _position >= 0 ? cached.High.Value : -1;
        if (end <= fromOffset)
        {
            var queried = consumer.QueryWatermarkOffsets(_partition, _options.OperationTimeout);
            end = queried.High.Value;
            if (end <= fromOffset)
            {
                return [];
            }

            fromOffset = Math.Max(fromOffset, queried.Low.Value);
        }

        if (_position != fromOffset)
        {
            consumer.Assign(new TopicPartitionOffset(_partition, new Offset(fromOffset)));
            Volatile.Write(ref _position, fromOffset);
        }

        List<LogRecord> records = [];
        var deadline = Environment.TickCount64 + (long)_options.OperationTimeout.TotalMilliseconds;
        while (records.Count < maxRecords && _position < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(ConsumeSlice);
            if (result is null)
            {
                if (Environment.TickCount64 >= deadline)
                {
                    throw new TimeoutException(
                        $"Kafka did not deliver {_partition.Topic}/{_partition.Partition.Value} from offset {_position} (end {end}) within {_options.OperationTimeout}.");
                }

                continue;
            }

            if (result.IsPartitionEOF)
            {
                // A stale end-of-partition event (from before newer records arrived) is skipped; a current one ends the read.
                if (result.Offset.Value >= end)
                {
                    Volatile.Write(ref _position, result.Offset.Value);
                    break;
                }

                continue;
            }

            if (result.Offset.Value < _position)
            {
                continue;
            }

            records.Add(KafkaRecordCodec.ToLogRecord(result));
            Volatile.Write(ref _position, result.Offset.Value + 1);
        }

        return records;
    }
}
