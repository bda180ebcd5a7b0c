using Microsoft.AspNetCore.Http.HttpResults;
using StreamOrleans.Api.Health.Contracts;

namespace StreamOrleans.Api.Health;

/// <summary>
/// Container probes: /health/live answers 200 while the process serves HTTP (restart it when not), /health/ready runs
/// the health checks like /health (send traffic only when the stream log answers).
/// </summary>
public static class ProbesApi
{
    /// <summary>Maps GET /health/live and GET /health/ready.</summary>
    public static IEndpointRouteBuilder MapProbes(this IEndpointRouteBuilder routes)
    {
        var probes = routes.MapGroup("/health").WithTags("Health").DisableRateLimiting();
        probes.MapGet("/live", () => TypedResults.Ok(new HealthResponse("Healthy", [])))
            .WithName("GetLiveness")
            .WithSummary("Liveness probe: the process serves HTTP (no dependency checks)");
        probes.MapGet("/ready", (Func<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService, CancellationToken, Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>>>)HealthApi.GetHealthAsync)
            .WithName("GetReadiness")
            .WithSummary("Readiness probe: the health checks pass (503 when one fails)")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }
}
