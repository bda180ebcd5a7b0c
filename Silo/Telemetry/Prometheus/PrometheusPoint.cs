namespace StreamOrleans.Silo.Telemetry.Prometheus;

/// <summary>
/// One labelled point. Counters and gauges use <see cref="Value"/>; histograms use <see cref="Buckets"/> (upper bound,
/// count in that bucket alone, not cumulative; the last bound is +Inf), <see cref="Sum"/> and <see cref="Count"/>.
/// </summary>
public sealed record PrometheusPoint(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    IReadOnlyList<KeyValuePair<double, long>>? Buckets = null,
    double Sum = 0,
    long Count = 0);
