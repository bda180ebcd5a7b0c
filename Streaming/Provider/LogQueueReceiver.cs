using Microsoft.Extensions.Logging;
using Orleans.Streams;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Cache;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Reads one queue (one partition of a topic) for Orleans' pulling agent: from the consumer group's committed offset
/// on, in offset order, decoding and validating each record (the undecodable and invalid go to the dead-letter topic
/// with the reason and are never delivered). It commits the queue's offset up to what its cache says every consumer
/// has applied, every <c>CheckpointEvents</c> records or <c>CheckpointInterval</c>, and once more when the agent
/// stops (a graceful stop checkpoints before the queue moves to another silo). A record goes to stream (topic, key),
/// or to the streams the topic's <see cref="ILogTopicRouter"/> names (one container each).
/// </summary>
internal sealed partial class LogQueueReceiver(
    QueueId queueId,
    string topic,
    int partition,
    LogTopicCodec codec,
    ILogTopicRouter? router,
    LogQueueCache cache,
    IStreamLog log,
    LogDeadLetters deadLetters,
    LogStreamOptions options,
    LogCheckpoints? checkpoints,
    string providerName,
    TimeProvider timeProvider,
    ILogger logger,
    LogQueueDrain? drain = null) : IQueueAdapterReceiver
{
    private static readonly TimeSpan EndOffsetRefresh = TimeSpan.FromSeconds(1);
    private TimeSpan _startTimeout = TimeSpan.FromSeconds(5);
    private bool _started;
    private long _next;
    private long _committed;
    private long _lastCommitTicks;
    private long _endOffset;
    private long _endOffsetTicks;
    private readonly List<StreamId> _routed = [];

    /// <summary>The queue this receiver reads.</summary>
    public QueueId QueueId { get; } = queueId;

    /// <summary>"topic/partition", for logs.</summary>
    public string QueueName => $"{topic}/{partition}";

    /// <summary>The offset after the last record read from the log.</summary>
    public long ReadPosition => Volatile.Read(ref _next);

    /// <summary>The consumer group's committed offset of this queue, as this receiver last committed it.</summary>
    public long CommittedOffset => Volatile.Read(ref _committed);

    /// <summary>The end of this queue's partition in the log now (read or not yet); <see cref="ReadPosition"/> when the log cannot say.</summary>
    public async Task<long> GetEndOffsetAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await PartitionEndAsync(cancellationToken) is { } end)
            {
                return Math.Max(end, ReadPosition);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEndUnknown(logger, topic, partition, e.Message);
        }

        return ReadPosition;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    // Orleans' pulling agent calls Initialize once and then pumps the receiver whether it succeeded or not: recovering
    // is the receiver's job (PersistentStreamPullingAgent.Initialize). A queue taken over while the log's database
    // restarts must not read from offset 0 unseen by the drain and the gauges, so a failed start is retried at the
    // next read, from the committed offset.
    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _startTimeout = timeout;
        try
        {
            await StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStartFailed(logger, topic, partition, e.Message);
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(_startTimeout);
        var committed = await log.GetCommittedOffsetsAsync(options.ConsumerGroup, topic, timeoutSource.Token);
        _next = _committed = committed.GetValueOrDefault(partition);
        cache.Reset(_next);
        _lastCommitTicks = timeProvider.GetTimestamp();
        LogStreamInstruments.Track(this, topic, partition, () => Math.Max(0, Volatile.Read(ref _endOffset) - Volatile.Read(ref _committed)), () => cache.Count);
        drain?.Add(this);
        _started = true;
        LogStarted(logger, topic, partition, _next);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            await StartAsync(cancellationToken); // throws while the log is unavailable: the agent retries with backoff
        }

        await CommitIfDueAsync(cancellationToken);
        var records = await log.ReadAsync(topic, partition, _next, Math.Min(maxCount, options.ReadBatchSize), cancellationToken);
        if (records.Count == 0 && await WaitForAppendAsync(cancellationToken))
        {
            records = await log.ReadAsync(topic, partition, _next, Math.Min(maxCount, options.ReadBatchSize), cancellationToken);
        }

        if (records.Count == 0)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return []; // the agent is stopping: an empty read, not an error in the silo's log
            }

            await RefreshEndOffsetAsync(cancellationToken);
            return [];
        }

        if (records[0].Offset > _next)
        {
            // Retention deleted records this queue had not read yet (or the backend leaves gaps, as Kafka's
            // transaction markers do): they are skipped, so say so where an operator looks.
            var missing = records[0].Offset - _next;
            LogSkipped(logger, topic, partition, _next, records[0].Offset - 1, missing);
            StreamInstruments.RecordExpired(topic, missing);
        }

        var batch = new List<IBatchContainer>(records.Count);
        foreach (var record in records)
        {
            var item = codec.TryDecode(record, out var kind, out var reason);
            if (item is null)
            {
                await deadLetters.PublishAsync(record, kind, reason!, cancellationToken);
                continue;
            }

            AddContainers(batch, record, item);
        }

        Volatile.Write(ref _next, records[^1].Offset + 1);
        Volatile.Write(ref _endOffset, Math.Max(Volatile.Read(ref _endOffset), _next));
        if (batch.Count == 0)
        {
            cache.SkipTo(_next);
        }

        return batch;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) => CommitIfDueAsync(cancellationToken);

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        cache.TryPurgeFromCache(out _);
        if (_started)
        {
            await CommitAsync(timeoutSource.Token);
        }

        drain?.Remove(this);
        LogStreamInstruments.Untrack(this);
        LogStopped(logger, topic, partition, _committed);
    }

    private async Task CommitIfDueAsync(CancellationToken cancellationToken)
    {
        var committable = cache.CommittableOffset;
        if (committable <= _committed)
        {
            return;
        }

        if (committable - _committed >= options.CheckpointEvents || timeProvider.GetElapsedTime(_lastCommitTicks) >= options.CheckpointInterval
            || drain?.Draining == true)
        {
            await CommitAsync(cancellationToken);
        }
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        var committable = cache.CommittableOffset;
        if (committable <= _committed)
        {
            return;
        }

        var started = timeProvider.GetTimestamp();
        await log.CommitAsync(options.ConsumerGroup, topic, partition, committable, cancellationToken);
        LogStreamInstruments.RecordDelivered(topic, (int)(committable - _committed));
        Volatile.Write(ref _committed, committable);
        _lastCommitTicks = timeProvider.GetTimestamp();
        LogStreamInstruments.RecordCheckpoint(topic, partition, timeProvider.GetElapsedTime(started, _lastCommitTicks));
        checkpoints?.OnCommitted(new LogCheckpoint(providerName, topic, partition, committable));
    }

    // Wake on append: true when a record arrived within ReadWait; false on timeout and when the agent stops.
    private async Task<bool> WaitForAppendAsync(CancellationToken cancellationToken)
    {
        if (options.ReadWait <= TimeSpan.Zero)
        {
            return false;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.ReadWait);
        try
        {
            await log.WaitForRecordsAsync(topic, partition, _next, wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RefreshEndOffsetAsync(CancellationToken cancellationToken)
    {
        if (timeProvider.GetElapsedTime(_endOffsetTicks) < EndOffsetRefresh)
        {
            return;
        }

        _endOffsetTicks = timeProvider.GetTimestamp();
        if (await PartitionEndAsync(cancellationToken) is { } end)
        {
            Volatile.Write(ref _endOffset, end);
        }
    }

    // The end offset of this queue's partition in the log now; null when the log does not list the partition.
    private async Task<long?> PartitionEndAsync(CancellationToken cancellationToken)
    {
        foreach (var offsets in await log.GetOffsetsAsync(topic, cancellationToken))
        {
            if (offsets.Partition == partition)
            {
                return offsets.EndOffset;
            }
        }

        return null;
    }

    private void AddContainers(List<IBatchContainer> batch, LogRecord record, object item)
    {
        record.Headers.TryGetValue(TraceHeaders.TraceParent, out var traceParent);
        record.Headers.TryGetValue(TraceHeaders.TraceState, out var traceState);
        var logEvent = new LogEvent(record.Offset, record.Timestamp, LogEvent.ValueArray(record.Value), traceParent, traceState)
        {
            Decoded = item,
            Headers = item is RawRecord raw && raw.Headers.Count > 0 ? raw.Headers : null,
        };
        if (router is null)
        {
            batch.Add(new LogBatchContainer(StreamId.Create(topic, record.Key), topic, partition, [logEvent]));
            return;
        }

        _routed.Clear();
        router.Route(item, record.Key, _routed);
        foreach (var streamId in _routed)
        {
            batch.Add(new LogBatchContainer(streamId, topic, partition, [logEvent]));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Topic}/{Partition} starts reading at offset {Offset}")]
    private static partial void LogStarted(ILogger logger, string topic, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Topic}/{Partition} could not read its committed offset ({Error}); it starts at the next read")]
    private static partial void LogStartFailed(ILogger logger, string topic, int partition, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Topic}/{Partition}: offsets {First}..{Last} were gone from the log before this queue read them ({Count} records not delivered): retention deleted them; keep records longer or add consumers")]
    private static partial void LogSkipped(ILogger logger, string topic, int partition, long first, long last, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Topic}/{Partition}: the log's end is unknown ({Error}); the drain takes what was read")]
    private static partial void LogEndUnknown(ILogger logger, string topic, int partition, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Topic}/{Partition} stopped; committed offset {Offset}")]
    private static partial void LogStopped(ILogger logger, string topic, int partition, long offset);
}
