using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Streams;
using SiloOptions = StreamOrleans.Silo.Configuration.SiloOptions;

namespace StreamOrleans.Silo.Hosting;

/// <summary>
/// Applies the stream log's retention every <see cref="SiloOptions.RetentionInterval"/> (the SQLite and PostgreSQL
/// logs delete records older than their retention age; Kafka's brokers apply their own). Without it the embedded log
/// only grows (camera frames: gigabytes per hour of demo).
/// </summary>
internal sealed partial class LogRetentionService(IStreamLog log, IOptions<SiloOptions> options, TimeProvider timeProvider, ILogger<LogRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var deleted = await log.ApplyRetentionAsync(stoppingToken);
                    if (deleted > 0)
                    {
                        LogDeleted(logger, deleted);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Deleted} records from the stream log")]
    private static partial void LogDeleted(ILogger logger, long deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the stream log's retention failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
