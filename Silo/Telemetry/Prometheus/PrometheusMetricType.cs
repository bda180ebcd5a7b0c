namespace StreamOrleans.Silo.Telemetry.Prometheus;

/// <summary>The "# TYPE" of a metric family.</summary>
public enum PrometheusMetricType
{
    Counter,
    Gauge,
    Histogram,
}
