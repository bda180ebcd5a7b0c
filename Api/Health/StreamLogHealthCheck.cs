using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Api.Health;

/// <summary>Healthy when the stream log answers a metadata query.</summary>
public sealed class StreamLogHealthCheck(IStreamLog log) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var topics = await log.ListTopicsAsync(cancellationToken);
            return HealthCheckResult.Healthy($"the stream log answers ({topics.Count} topics)");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the stream log does not answer: {e.Message}");
        }
    }
}
