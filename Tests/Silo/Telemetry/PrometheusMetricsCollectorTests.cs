using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using StreamOrleans.Silo.Telemetry.Prometheus;

namespace StreamOrleans.Tests.Silo.Telemetry;

public sealed class PrometheusMetricsCollectorTests
{
    [Fact]
    public void A_scrape_renders_the_sdk_aggregates_of_a_counter_and_a_histogram()
    {
        var meterName = $"StreamOrleans.Test{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        using var collector = new PrometheusMetricsCollector();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(meterName).AddReader(collector.Reader).Build();
        var counter = meter.CreateCounter<long>("test.events", "{event}", "Test events");
        var histogram = meter.CreateHistogram<double>("test.latency", "s", "Latency", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 2] });

        counter.Add(3, new KeyValuePair<string, object?>("topic", "t1"));
        counter.Add(4, new KeyValuePair<string, object?>("topic", "t1"));
        histogram.Record(0.25);
        histogram.Record(1);
        histogram.Record(10);

        var text = collector.Scrape();

        Assert.Contains("# TYPE test_events_total counter\ntest_events_total{topic=\"t1\"} 7\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "# TYPE test_latency_seconds histogram\n" +
            "test_latency_seconds_bucket{le=\"0.5\"} 1\n" +
            "test_latency_seconds_bucket{le=\"2\"} 2\n" +
            "test_latency_seconds_bucket{le=\"+Inf\"} 3\n" +
            "test_latency_seconds_sum 11.25\n" +
            "test_latency_seconds_count 3\n",
            text,
            StringComparison.Ordinal);
    }
}
