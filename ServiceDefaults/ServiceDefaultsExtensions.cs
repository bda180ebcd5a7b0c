using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's service defaults for every StreamOrleans process (API, headless silo, demo): OpenTelemetry traces, metrics
/// and logs (ASP.NET Core, HttpClient, .NET runtime, Orleans and our own sources and meters), OTLP export when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the Aspire app host sets it to its dashboard), Prometheus <c>/metrics</c>,
/// a liveness check, and no per-request log line at Information.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Configuration key that turns all of OpenTelemetry off (default true); process tests use it.</summary>
    public const string TelemetryEnabledKey = "Telemetry:Enabled";

    /// <summary>Adds telemetry, the default health checks and the logging filters.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // ASP.NET Core writes "Request starting/finished" and "Executing endpoint" at Information for every request (9.6 MB
        // of log in 8 minutes of demo); traces and http_server_request_duration_seconds carry the same facts. A more
        // specific Logging:LogLevel entry (e.g. Microsoft.AspNetCore.Hosting.Diagnostics) still turns them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Orleans 10 runs each grain placement through a Polly retry pipeline, whose telemetry logs two lines per
        // execution at Information ("Execution attempt", "Resilience pipeline executed"): 2,400 of the 2,435 lines the
        // API wrote in a 45 s demo. Polly's retries and failures are warnings and still show.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.Configure(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (builder.Configuration.GetValue(TelemetryEnabledKey, true))
        {
            builder.ConfigureOpenTelemetry();
        }

        builder.AddDefaultHealthChecks();
        return builder;
    }

    /// <summary>
    /// OpenTelemetry through OpenTelemetry.Extensions.Hosting: <see cref="TelemetryNames.Meters"/> and
    /// <see cref="TelemetryNames.ActivitySources"/> plus the ASP.NET Core, HttpClient and runtime instrumentation; the
    /// Prometheus exporter (scraped at /metrics, see <see cref="MapDefaultEndpoints"/>); OTLP for all three signals
    /// when OTEL_EXPORTER_OTLP_ENDPOINT is configured (OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME and
    /// OTEL_METRIC_EXPORT_INTERVAL are read as the OpenTelemetry specification says).
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter([.. TelemetryNames.Meters])
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource([.. TelemetryNames.ActivitySources])
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>A "self" check tagged "live": the process answers (the API adds its stream-log check to /health).</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// GET /metrics (Prometheus text format, when telemetry is on) and GET /alive (the checks tagged "live"). Readiness
    /// (every check) is the service's own /health.
    /// </summary>
    public static TEndpoints MapDefaultEndpoints<TEndpoints>(this TEndpoints endpoints) where TEndpoints : IEndpointRouteBuilder
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<MeterProvider>() is not null)
        {
            // Scrapers and probes are exempt from the API's per-client rate limit.
            endpoints.MapPrometheusScrapingEndpoint("/metrics").DisableRateLimiting();
        }

        endpoints.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).DisableRateLimiting();
        return endpoints;
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/health");
}
