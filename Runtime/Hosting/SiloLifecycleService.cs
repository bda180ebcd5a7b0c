using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>
/// Starts the grain runtime, then the stream pumps; on shutdown stops the pumps first (each finishes in-flight
/// events and commits a final checkpoint), then deactivates every grain (state flushed).
/// </summary>
internal sealed class SiloLifecycleService(GrainRuntime grains, StreamRuntime streams, IStreamLog log, TimeProvider timeProvider, Microsoft.Extensions.Options.IOptions<Configuration.StreamingOptions> options, ILogger<SiloLifecycleService> logger) : IHostedService, IAsyncDisposable
{
    private ITimer? _retention;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        grains.Start();
        await streams.StartAsync(cancellationToken);
        _retention = timeProvider.CreateTimer(static s => _ = ((SiloLifecycleService)s!).ApplyRetentionAsync(), this, options.Value.RetentionInterval, options.Value.RetentionInterval);
        logger.LogInformation("Silo started: {Pumps} partition pumps", streams.PumpCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_retention is not null)
        {
            await _retention.DisposeAsync();
        }

        await streams.StopAsync();
        await grains.StopAsync();
        logger.LogInformation("Silo stopped: all partitions checkpointed, all grains deactivated");
    }

    public async ValueTask DisposeAsync()
    {
        if (_retention is not null)
        {
            await _retention.DisposeAsync();
        }
    }

    private async Task ApplyRetentionAsync()
    {
        try
        {
            var removed = await log.ApplyRetentionAsync();
            if (removed > 0)
            {
                logger.LogInformation("Retention removed {Count} records", removed);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Applying retention failed");
        }
    }
}
