using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace StreamOrleans.Benchmarks.Observability;

/// <summary>Counts the metric points of each collection (the benchmark's stand-in for a scrape).</summary>
internal sealed class MetricPointCounter : BaseExporter<Metric>
{
    public long Points { get; private set; }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        long points = 0;
        foreach (var metric in batch)
        {
            foreach (ref readonly var _ in metric.GetMetricPoints())
            {
                points++;
            }
        }

        Points = points;
        return ExportResult.Success;
    }
}
