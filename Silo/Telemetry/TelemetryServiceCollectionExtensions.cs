using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamOrleans.Silo.Telemetry;

/// <summary>Wires OpenTelemetry (section "Telemetry").</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Traces and metrics of every "StreamOrleans.*" source and meter, Prometheus /metrics and optional OTLP export
    /// (<see cref="TelemetryOptions"/>). Log scopes carry the current trace and span ids; with an OTLP endpoint logs
    /// are exported too. Nothing is registered when Telemetry:Enabled is false.
    /// </summary>
    public static IServiceCollection AddStreamOrleansTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddSingleton<TelemetrySdk>();
        services.AddHostedService<TelemetryStarter>();
        if (settings.OtlpEndpoint is not null)
        {
            services.AddSingleton<ILoggerProvider, SdkLoggerProvider>();
        }

        return services;
    }
}
