using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace StreamOrleans.Silo.Telemetry.Prometheus;

/// <summary>Receives the batch of a pull collection and converts it to Prometheus families (cumulative temporality).</summary>
internal sealed class PrometheusPullExporter : BaseExporter<Metric>
{
    public List<PrometheusMetricFamily> Collected { get; } = [];

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            Collected.Add(Convert(metric));
        }

        return ExportResult.Success;
    }

    private static PrometheusMetricFamily Convert(Metric metric)
    {
        var type = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => PrometheusMetricType.Counter,
            MetricType.Histogram => PrometheusMetricType.Histogram,
            _ => PrometheusMetricType.Gauge,
        };
        var points = new List<PrometheusPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = new List<KeyValuePair<string, string>>();
            foreach (var tag in point.Tags)
            {
                labels.Add(new(tag.Key, System.Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }

            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    points.Add(new PrometheusPoint(labels, point.GetSumLong()));
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    points.Add(new PrometheusPoint(labels, point.GetSumDouble()));
                    break;
                case MetricType.LongGauge:
                    points.Add(new PrometheusPoint(labels, point.GetGaugeLastValueLong()));
                    break;
                case MetricType.DoubleGauge:
                    points.Add(new PrometheusPoint(labels, point.GetGaugeLastValueDouble()));
                    break;
                case MetricType.Histogram:
                    var buckets = new List<KeyValuePair<double, long>>();
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        buckets.Add(new(bucket.ExplicitBound, bucket.BucketCount));
                    }

                    points.Add(new PrometheusPoint(labels, 0, buckets, point.GetHistogramSum(), point.GetHistogramCount()));
                    break;
                default:
                    break;
            }
        }

        return new PrometheusMetricFamily(PrometheusNaming.FamilyName(metric.Name, metric.Unit, type == PrometheusMetricType.Counter), metric.Description ?? "", type, points);
    }
}
