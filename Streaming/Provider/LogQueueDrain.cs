using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// A clean stop checkpoints every queue: when the silo begins to stop, and before Orleans stops the provider's pulling
/// agents, each queue of this silo gets up to <c>Streams:DrainOnStop</c> to deliver what it has read and commit it.
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

    /// <summary>Waits until each queue committed what it had read when the stop began (or the limit passes).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (limit <= TimeSpan.Zero)
        {
            return;
        }

        var targets = _receivers.Keys.Select(r => (Receiver: r, Read: r.ReadPosition)).Where(t => t.Receiver.CommittedOffset < t.Read).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        _draining = true;
        DrainStarted?.Invoke();
        var started = timeProvider.GetTimestamp();
        try
        {
            while (true)
            {
                targets.RemoveAll(t => t.Receiver.CommittedOffset >= t.Read || !_receivers.ContainsKey(t.Receiver));
                if (targets.Count == 0)
                {
                    break;
                }

                if (timeProvider.GetElapsedTime(started) >= limit || cancellationToken.IsCancellationRequested)
                {
                    LogNotDrained(logger, providerName, targets.Count, limit, string.Join(", ", targets.Select(t => $"{t.Receiver.QueueName} at {t.Receiver.CommittedOffset} of {t.Read}")));
                    return;
                }

                await Task.Delay(Check, timeProvider, CancellationToken.None);
            }

            LogDrained(logger, providerName, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            _draining = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: every queue committed what it had read, {Milliseconds:0} ms after the stop began")]
    private static partial void LogDrained(ILogger logger, string provider, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: {Count} queue(s) still had records in delivery {Limit} after the stop began " +
        "(they are replayed after the restart and skipped as already applied): {Queues}")]
    private static partial void LogNotDrained(ILogger logger, string provider, int count, TimeSpan limit, string queues);
}
