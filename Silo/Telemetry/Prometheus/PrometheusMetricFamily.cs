namespace StreamOrleans.Silo.Telemetry.Prometheus;

/// <summary>A metric family as exposed: its full name (with unit and _total suffixes), help text, type and points.</summary>
public sealed record PrometheusMetricFamily(string Name, string Help, PrometheusMetricType Type, IReadOnlyList<PrometheusPoint> Points);
