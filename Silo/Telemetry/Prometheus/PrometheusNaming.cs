namespace StreamOrleans.Silo.Telemetry.Prometheus;

/// <summary>
/// OpenTelemetry metric name and unit -> Prometheus family name, following the OTel "Prometheus and OpenMetrics
/// compatibility" spec: dots become underscores, the unit becomes a suffix (s -> _seconds, ms -> _milliseconds,
/// By -> _bytes; annotations in braces such as {event} add nothing), and monotonic counters end in _total.
/// </summary>
public static class PrometheusNaming
{
    public static string FamilyName(string metricName, string? unit, bool isCounter)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        var name = PrometheusTextWriter.SanitizeName(metricName);
        var suffix = unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" => "ratio",
            null or "" => null,
            _ when unit.StartsWith('{') => null,
            _ => PrometheusTextWriter.SanitizeName(unit),
        };
        if (suffix is not null && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }
}
