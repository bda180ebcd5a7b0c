using Microsoft.AspNetCore.Http.HttpResults;
using StreamOrleans.Silo.Telemetry;
using StreamOrleans.Silo.Telemetry.Prometheus;

namespace StreamOrleans.Api.Telemetry;

/// <summary>GET /metrics: every "StreamOrleans.*" instrument in the Prometheus text exposition format 0.0.4.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGroup("/metrics").WithTags("Telemetry")
            .MapGet("", GetMetrics)
            .WithName("GetMetrics")
            .WithSummary("Metrics in the Prometheus text exposition format 0.0.4")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return routes;
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> GetMetrics(IServiceProvider services)
    {
        if (services.GetService<TelemetrySdk>()?.Prometheus is not { } prometheus)
        {
            return TypedResults.Problem(
                "Prometheus metrics are disabled; set Telemetry:Enabled and Telemetry:PrometheusEnabled to true.", statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Text(prometheus.Scrape(), PrometheusTextWriter.ContentType);
    }
}
