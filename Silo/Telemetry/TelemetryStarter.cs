using Microsoft.Extensions.Hosting;

namespace StreamOrleans.Silo.Telemetry;

/// <summary>Creates the SDK when the host starts (before the silo's services), so the first events are observed.</summary>
internal sealed class TelemetryStarter(TelemetrySdk sdk) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(sdk);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
