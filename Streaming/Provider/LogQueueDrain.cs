using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// A clean stop checkpoints every queue: when the silo begins to stop, and before Orleans stops the provider's pulling
/// agents, each queue of this silo gets up to <c>Streams:DrainOnStop</c> to read, deliver and commit its partition up to
/// the log's end. Records appended after the drain began (by another replica still taking requests) are not waited
/// for: stop the producers first (the app host stops the demo before the replicas).
/// Without it, a delivery still running when the agent stops is never confirmed (the agent does not move its cursor
/// again), so its records stay uncommitted and are replayed after the restart (skipped by the consumer, but a clean
/// stop should leave nothing to replay). While the silo stops, a delivery Orleans abandons is not a poison record:
/// <see cref="Stopping"/> tells the failure handler not to dead-letter it; it stays uncommitted and comes again.
/// </summary>
/// <remarks>
/// Subscribed at <c>ServiceLifecycleStage.Active + 1</c>: Orleans stops stages in reverse, so this runs before the
/// stream provider (started at <c>Active</c>) stops its agents, while grains still take calls.
/// </remarks>
public sealed partial class LogQueueDrain(string providerName, TimeSpan limit, TimeProvider timeProvider, ILogger<LogQueueDrain> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Check = TimeSpan.FromMilliseconds(10);
    private readonly ConcurrentDictionary<LogQueueReceiver, byte> _receivers = new();
    private volatile bool _stopping;
    private volatile bool _draining;

    /// <summary>True once the silo began to stop: deliveries failing from now on are interrupted, not poison.</summary>
    public bool Stopping => _stopping;

    /// <summary>True while the queues drain: receivers commit whatever is committable at once.</summary>
    public bool Draining => _draining;

    /// <summary>Raised when a drain begins (some queue has records in delivery); tests use it to release a delivery they hold.</summary>
    internal event Action? DrainStarted;

    internal void Add(LogQueueReceiver receiver) => _receivers.TryAdd(receiver, 0);

    internal void Remove(LogQueueReceiver receiver) => _receivers.TryRemove(receiver, out _);

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(LogQueueDrain)}-{providerName}", ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, DrainAsync);

    /// <summary>
    /// Waits until each queue committed its partition up to the log's end as it was when the stop began (records already
    /// appended but not yet read included), or the limit passes. A queue this silo takes over while it stops (from
    /// another silo stopping at the same time) is drained to the end it had when it arrived.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (limit <= TimeSpan.Zero)
        {
            return;
        }

        var started = timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(limit, timeProvider);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var targets = new Dictionary<LogQueueReceiver, long>();
        try
        {
            await AddTargetsAsync(targets, bounded.Token);
            if (Pending(targets).Count == 0)
            {
                return;
            }

            _draining = true;
            DrainStarted?.Invoke();
            while (true)
            {
                await AddTargetsAsync(targets, bounded.Token);
                if (Pending(targets).Count == 0)
                {
                    break;
                }

                await Task.Delay(Check, timeProvider, bounded.Token);
            }

            LogDrained(logger, providerName, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
            var pending = Pending(targets);
            LogNotDrained(logger, providerName, pending.Count, limit, string.Join(", ", pending.Select(t => $"{t.Key.QueueName} at {t.Key.CommittedOffset} of {t.Value}")));
        }
        finally
        {
            _draining = false;
        }
    }

    // The queues this silo reads now that have no target yet: drained up to the log's end they have now.
    private async Task AddTargetsAsync(Dictionary<LogQueueReceiver, long> targets, CancellationToken cancellationToken)
    {
        foreach (var receiver in _receivers.Keys.Where(r => !targets.ContainsKey(r)).ToList())
        {
            targets[receiver] = await receiver.GetEndOffsetAsync(cancellationToken);
        }
    }

    private List<KeyValuePair<LogQueueReceiver, long>> Pending(Dictionary<LogQueueReceiver, long> targets) =>
        targets.Where(t => _receivers.ContainsKey(t.Key) && t.Key.CommittedOffset < t.Value).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: every queue committed its partition to the end, {Milliseconds:0} ms after the stop began")]
    private static partial void LogDrained(ILogger logger, string provider, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: {Count} queue(s) had not committed their partition to the end {Limit} after the stop began " +
        "(they are replayed after the restart and skipped as already applied): {Queues}")]
    private static partial void LogNotDrained(ILogger logger, string provider, int count, TimeSpan limit, string queues);
}
