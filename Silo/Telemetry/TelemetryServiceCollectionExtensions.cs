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
        services.AddOptions<TelemetryOptions>().Bind(section).PostConfigure(o => UseStandardVariables(o, configuration)).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        UseStandardVariables(settings, configuration);
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

    // Without Telemetry:OtlpEndpoint, OpenTelemetry's standard variables name the collector: Azure Container Apps' managed
    // OpenTelemetry agent (deploy/azure) sets OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_PROTOCOL in every replica.
    private static void UseStandardVariables(TelemetryOptions options, IConfiguration configuration)
    {
        if (options.OtlpEndpoint is not null || !Uri.TryCreate(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var endpoint))
        {
            return;
        }

        options.OtlpEndpoint = endpoint;
        if (configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] is "grpc" or "http/protobuf")
        {
            options.OtlpProtocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]!;
        }
    }
}
