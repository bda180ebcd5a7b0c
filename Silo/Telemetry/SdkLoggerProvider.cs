using Microsoft.Extensions.Logging;

namespace StreamOrleans.Silo.Telemetry;

/// <summary>Forwards the host's ILogger output to the SDK's logger factory (OTLP log export, with trace ids).</summary>
internal sealed class SdkLoggerProvider(TelemetrySdk sdk) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => sdk.LoggerFactory.CreateLogger(categoryName);

    public void Dispose()
    {
        // The SDK is owned by the container.
    }
}
