using Microsoft.Extensions.Logging;
using StreamOrleans.Runtime.Diagnostics;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// Consumes one partition of one topic for the silo's consumer group, in offset order:
/// read a batch -> decode -> route -> queue each event in its grains' bounded mailboxes -> every N events or T ms,
/// checkpoint. A checkpoint asks every grain touched since the last one to persist (its request queues behind the
/// events already sent to it), and only when all have persisted commits the consumer offset. So the committed offset
/// is never ahead of persisted state, and after a crash the replay from it is skipped by grains that already applied it.
/// Checkpoints are pipelined: the pump keeps dispatching while one is in flight; it waits only before starting the next.
/// A full mailbox stalls this pump alone, never other partitions.
/// </summary>
internal sealed class PartitionPump(StreamRuntime streams, string topic, int partition, IReadOnlyList<StreamSubscription> subscriptions)
{
    private readonly string _positionKey = $"{topic}/{partition}";
    private readonly Dictionary<GrainId, GrainClassInfo> _touched = [];
    private readonly List<string> _keys = [];
    private readonly List<KeyValuePair<GrainId, GrainClassInfo>> _failed = [];
    private Task? _checkpointInFlight;
    private long _next;
    private int _sinceCheckpoint;
    private long _lastCheckpoint;
    private System.Diagnostics.ActivityContext _batchContext;

    public string Topic => topic;

    public int Partition => partition;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var log = streams.Log;
        var options = streams.Options;
        var time = streams.TimeProvider;
        var committed = await log.GetCommittedOffsetsAsync(options.ConsumerGroup, topic, cancellationToken);
        _next = committed.TryGetValue(partition, out var offset) ? offset : 0;
        _lastCheckpoint = time.GetTimestamp();

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var records = await log.ReadAsync(topic, partition, _next, options.ReadBatchSize, cancellationToken);
                if (records.Count == 0)
                {
                    await IdleAsync(cancellationToken);
                    continue;
                }

                var batch = PumpTracing.StartBatch(topic, partition, records);
                _batchContext = batch?.Context ?? default;
                foreach (var record in records)
                {
                    await DispatchAsync(record, cancellationToken);
                    _next = record.Offset + 1;
                    _sinceCheckpoint++;
                    if (_sinceCheckpoint >= options.CheckpointEvents)
                    {
                        await StartCheckpointAsync();
                    }
                }

                batch?.Dispose();
                if (_touched.Count > 0 && time.GetElapsedTime(_lastCheckpoint) >= options.CheckpointInterval)
                {
                    await StartCheckpointAsync();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        // Graceful stop: persist what was applied and commit it.
        await StartCheckpointAsync();
        if (_checkpointInFlight is not null)
        {
            await _checkpointInFlight;
        }
    }

    // Caught up: wait for new records, but not past the checkpoint deadline if there is unpersisted work.
    private async Task IdleAsync(CancellationToken cancellationToken)
    {
        // Progress to commit: grains touched, or records consumed without touching any (all dead-lettered).
        var pending = _touched.Count > 0 || _sinceCheckpoint > 0;
        if (!pending && _checkpointInFlight is null)
        {
            await streams.Log.WaitForRecordsAsync(topic, partition, _next, cancellationToken);
            return;
        }

        var remaining = streams.Options.CheckpointInterval - streams.TimeProvider.GetElapsedTime(_lastCheckpoint);
        if (remaining > TimeSpan.Zero && pending)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var records = streams.Log.WaitForRecordsAsync(topic, partition, _next, wait.Token).AsTask();
            var deadline = Task.Delay(remaining, streams.TimeProvider, wait.Token);
            var first = await Task.WhenAny(records, deadline);
            await wait.CancelAsync();
            await Task.WhenAll(records, deadline).ContinueWith(static _ => { }, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == records)
            {
                return;
            }
        }

        await StartCheckpointAsync();
        if (_checkpointInFlight is not null)
        {
            await _checkpointInFlight;
        }
    }

    private async Task DispatchAsync(LogRecord record, CancellationToken cancellationToken)
    {
        foreach (var subscription in subscriptions)
        {
            var item = subscription.Decode(record.Value.Span, out var kind, out var failure);
            if (item is null)
            {
                await streams.DeadLetters.PublishAsync(record, kind, failure!, subscription.Grain.TypeName, null, 0, cancellationToken);
                continue;
            }

            _keys.Clear();
            try
            {
                subscription.Route(item, record.Key, _keys);
            }
            catch (Exception e)
            {
                await streams.DeadLetters.PublishAsync(record, DeadLetterKind.Invalid, $"routing failed: {e.Message}", subscription.Grain.TypeName, null, 0, cancellationToken);
                continue;
            }

            for (var i = 0; i < _keys.Count; i++)
            {
                var key = _keys[i];
                if (_keys.IndexOf(key, 0, i) >= 0)
                {
                    continue;
                }

                if (GrainId.ValidateKey(key) is { } reason)
                {
                    await streams.DeadLetters.PublishAsync(record, DeadLetterKind.Invalid, $"bad grain key '{key}': {reason}", subscription.Grain.TypeName, null, 0, cancellationToken);
                    continue;
                }

                var id = new GrainId(subscription.Grain.TypeName, key);
                await streams.Catalog.PostAsync(id, subscription.Grain, new StreamDelivery(subscription, item, record, _positionKey, streams, _batchContext), cancellationToken);
                _touched.TryAdd(id, subscription.Grain);
            }
        }
    }

    private async Task StartCheckpointAsync()
    {
        if (_checkpointInFlight is not null)
        {
            await _checkpointInFlight;
            _checkpointInFlight = null;
        }

        // Grains of a failed checkpoint are retried (read only after the failed checkpoint task has finished).
        foreach (var (id, grain) in _failed)
        {
            _touched.TryAdd(id, grain);
        }

        _failed.Clear();
        if (_touched.Count == 0 && _sinceCheckpoint == 0)
        {
            _lastCheckpoint = streams.TimeProvider.GetTimestamp();
            return;
        }

        var grains = _touched.ToArray();
        _touched.Clear();
        _sinceCheckpoint = 0;
        _lastCheckpoint = streams.TimeProvider.GetTimestamp();
        _checkpointInFlight = CheckpointAsync(grains, _next);
    }

    private async Task CheckpointAsync(KeyValuePair<GrainId, GrainClassInfo>[] grains, long commitOffset)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var pending = new Task[grains.Length];
            for (var i = 0; i < grains.Length; i++)
            {
                pending[i] = CheckpointGrainAsync(grains[i].Key);
            }

            await Task.WhenAll(pending);
            await streams.WhenBackgroundIdleAsync();
            await streams.Log.CommitAsync(streams.Options.ConsumerGroup, topic, partition, commitOffset);
            streams.Stats.RecordCheckpoint(topic, partition, commitOffset);
            Diagnostics.StreamInstruments.CheckpointDuration.Record(
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new(Diagnostics.StreamInstruments.TopicTag, topic), new(Diagnostics.StreamInstruments.PartitionTag, partition));
        }
        catch (Exception e)
        {
            // Not committed: these grains are checkpointed again next time; on a crash the replay covers them.
            streams.Logger.LogError(e, "Checkpoint of {Topic}/{Partition} at {Offset} failed; will retry", topic, partition, commitOffset);
            _failed.AddRange(grains);
        }
    }

    private async Task CheckpointGrainAsync(GrainId id)
    {
        var activation = streams.Catalog.TryGet(id);
        if (activation is not null)
        {
            var request = new CheckpointRequest();
            if (await activation.PostAsync(request, CancellationToken.None))
            {
                await request.Completion;
                return;
            }

            await activation.Deactivated;
        }

        // Gone: it flushed on deactivation, unless that flush failed.
        if (streams.Catalog.TakeFlushFailure(id) is { } error)
        {
            throw new InvalidOperationException($"Grain {id} could not persist its state when it deactivated.", error);
        }
    }
}
