using OpenTelemetry.Metrics;

namespace StreamOrleans.Silo.Telemetry.Prometheus;

/// <summary>
/// A pull metric reader for /metrics: each scrape collects the SDK's cumulative aggregates synchronously and renders
/// them in the Prometheus text format. Scrapes are serialized.
/// </summary>
public sealed class PrometheusMetricsCollector : IDisposable
{
    private readonly PrometheusPullExporter _exporter = new();
    private readonly Lock _lock = new();

    public PrometheusMetricsCollector()
    {
        Reader = new BaseExportingMetricReader(_exporter) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative };
    }

    /// <summary>The reader to add to the meter provider.</summary>
    public MetricReader Reader { get; }

    /// <summary>Collects and renders every metric; throws when the reader is not attached or timed out.</summary>
    public string Scrape(int timeoutMilliseconds = 5_000)
    {
        lock (_lock)
        {
            _exporter.Collected.Clear();
            if (!Reader.Collect(timeoutMilliseconds))
            {
                throw new InvalidOperationException("Metric collection failed or timed out.");
            }

            var text = PrometheusTextWriter.Write(_exporter.Collected);
            _exporter.Collected.Clear();
            return text;
        }
    }

    public void Dispose() => Reader.Dispose();
}
