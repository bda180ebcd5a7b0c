using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using StreamOrleans.Streaming.Diagnostics;

namespace StreamOrleans.Silo.Hosting;

/// <summary>
/// Says in the log whether the silo stopped cleanly: registered before Orleans' own hosted service, so the host stops
/// it after the silo. A clean stop leaves the silo dead in its own membership view and no queue reading (each queue's
/// receiver commits its offset before it stops reading), which launchers and tests check for.
/// </summary>
internal sealed partial class SiloStopReporter(ISiloStatusOracle status, ILogger<SiloStopReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var reading = LogStreamInstruments.ReadingQueues();
        if (status.CurrentStatus == SiloStatus.Dead && reading.Count == 0)
        {
            LogClean(logger);
        }
        else
        {
            LogUnclean(logger, status.CurrentStatus, string.Join(", ", reading));
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stopped: all partitions checkpointed, all grains deactivated")]
    private static partial void LogClean(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo did not stop cleanly: status {Status}, queues still reading: [{Queues}]")]
    private static partial void LogUnclean(ILogger logger, SiloStatus status, string queues);
}
