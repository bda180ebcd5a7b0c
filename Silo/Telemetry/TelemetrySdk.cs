using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Silo.Telemetry.Prometheus;

namespace StreamOrleans.Silo.Telemetry;

/// <summary>
/// The process's OpenTelemetry SDK (<see cref="OpenTelemetrySdk.Create"/>): tracing and metrics for every
/// "StreamOrleans.*" source and meter, the Prometheus pull reader behind /metrics, and OTLP export of traces, metrics
/// and logs when an endpoint is configured. Disposed (flushing exporters) when the host's container is disposed.
/// </summary>
public sealed class TelemetrySdk : IDisposable
{
    private readonly OpenTelemetrySdk _sdk;

    public TelemetrySdk(IOptions<TelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Prometheus = settings.PrometheusEnabled ? new PrometheusMetricsCollector() : null;
        _sdk = OpenTelemetrySdk.Create(builder =>
        {
            builder.ConfigureResource(r => r.AddService(settings.ServiceName));
            builder.WithTracing(tracing =>
            {
                tracing.AddSource(StreamOrleansDiagnostics.NamePattern)
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSamplingRatio)));
                if (settings.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(o => Configure(o, settings, endpoint, "v1/traces"));
                }
            });
            builder.WithMetrics(metrics =>
            {
                metrics.AddMeter(StreamOrleansDiagnostics.NamePattern);
                if (Prometheus is not null)
                {
                    metrics.AddReader(Prometheus.Reader);
                }

                if (settings.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter((o, reader) =>
                    {
                        Configure(o, settings, endpoint, "v1/metrics");
                        reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
                    });
                }
            });
            if (settings.OtlpEndpoint is { } logEndpoint)
            {
                builder.WithLogging(logging => logging.AddOtlpExporter(o => Configure(o, settings, logEndpoint, "v1/logs")));
            }
        });
    }

    /// <summary>The /metrics collector; null when Telemetry:PrometheusEnabled is false.</summary>
    public PrometheusMetricsCollector? Prometheus { get; }

    /// <summary>The SDK's logger factory (exports over OTLP when configured).</summary>
    public ILoggerFactory LoggerFactory => _sdk.GetLoggerFactory();

    /// <summary>Exports everything recorded so far (tests and shutdown); false when an exporter timed out.</summary>
    public bool ForceFlush(int timeoutMilliseconds = 10_000)
    {
        var traces = _sdk.TracerProvider is not TracerProvider tracer || tracer.ForceFlush(timeoutMilliseconds);
        var metrics = _sdk.MeterProvider is not MeterProvider meter || meter.ForceFlush(timeoutMilliseconds);
        return traces && metrics;
    }

    public void Dispose() => _sdk.Dispose();

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions settings, Uri endpoint, string signalPath)
    {
        if (settings.OtlpProtocol == "http/protobuf")
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            var baseAddress = endpoint.AbsoluteUri.EndsWith('/') ? endpoint.AbsoluteUri : endpoint.AbsoluteUri + "/";
            exporter.Endpoint = new Uri(new Uri(baseAddress), signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }
}
