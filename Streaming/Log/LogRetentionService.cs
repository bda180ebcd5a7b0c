using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StreamOrleans.Streaming.Log;

/// <summary>
/// Applies the log's retention (<see cref="IStreamLog.ApplyRetentionAsync"/>: age and size limits of the SQLite and
/// PostgreSQL logs; Kafka's brokers apply their own) every <c>Streams:RetentionInterval</c>, so a long-running silo's
/// log stays bounded. Runs in every silo; the deletes are idempotent, so several silos on one log do no harm.
/// </summary>
public sealed partial class LogRetentionService(IStreamLog log, TimeSpan interval, TimeProvider timeProvider, ILogger<LogRetentionService> logger)
    : BackgroundService
{
    /// <summary>Raised after each run with the number of records removed (tests await it).</summary>
    internal event Action<long>? Applied;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies retention once; a failure is logged and retried at the next tick, never thrown.</summary>
    internal async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        long removed = 0;
        try
        {
            removed = await log.ApplyRetentionAsync(cancellationToken);
            if (removed > 0)
            {
                LogRemoved(removed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }

        Applied?.Invoke(removed);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log retention removed {Count} records")]
    private partial void LogRemoved(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log retention failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
