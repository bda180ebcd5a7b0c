using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Silo.Telemetry;

/// <summary>OpenTelemetry settings (section "Telemetry").</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Whether traces and metrics are collected at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>service.name of the resource (default "streamorleans").</summary>
    [Required]
    public string ServiceName { get; set; } = "streamorleans";

    /// <summary>OTLP collector base address (e.g. http://localhost:4317); no OTLP export when unset.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (default) or "http/protobuf"; with http/protobuf the signal paths /v1/traces, /v1/metrics, /v1/logs are appended.</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "Telemetry:OtlpProtocol must be 'grpc' or 'http/protobuf'.")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed over OTLP (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fraction of new traces sampled, 0..1 (default 1); children follow their parent's decision.</summary>
    [Range(0.0, 1.0)]
    public double TraceSamplingRatio { get; set; } = 1.0;

    /// <summary>Whether GET /metrics serves the Prometheus text format (default true).</summary>
    public bool PrometheusEnabled { get; set; } = true;
}
