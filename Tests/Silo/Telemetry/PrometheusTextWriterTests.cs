using StreamOrleans.Silo.Telemetry.Prometheus;

namespace StreamOrleans.Tests.Silo.Telemetry;

public sealed class PrometheusTextWriterTests
{
    private static KeyValuePair<string, string> L(string key, string value) => new(key, value);

    [Fact]
    public void Counter_and_gauge_render_with_labels_and_escaping()
    {
        var text = PrometheusTextWriter.Write(
        [
            new PrometheusMetricFamily("events_total", "Events\\in\nlog", PrometheusMetricType.Counter,
                [new PrometheusPoint([L("topic", "a\"b\\c\nd"), L("grain.type", "x")], 42)]),
            new PrometheusMetricFamily("lag", "Lag", PrometheusMetricType.Gauge, [new PrometheusPoint([], 1.5), new PrometheusPoint([L("p", "0")], double.NaN)]),
        ]);

        Assert.Equal(
            "# HELP events_total Events\\\\in\\nlog\n" +
            "# TYPE events_total counter\n" +
            "events_total{topic=\"a\\\"b\\\\c\\nd\",grain_type=\"x\"} 42\n" +
            "# HELP lag Lag\n" +
            "# TYPE lag gauge\n" +
            "lag 1.5\n" +
            "lag{p=\"0\"} NaN\n",
            text);
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_inf()
    {
        var text = PrometheusTextWriter.Write(
        [
            new PrometheusMetricFamily("turn_seconds", "Turns", PrometheusMetricType.Histogram,
                [new PrometheusPoint([L("grain.type", "g")], 0, [new(0.1, 2), new(1, 3), new(double.PositiveInfinity, 1)], 2.75, 6)]),
        ]);

        Assert.Equal(
            "# HELP turn_seconds Turns\n" +
            "# TYPE turn_seconds histogram\n" +
            "turn_seconds_bucket{grain_type=\"g\",le=\"0.1\"} 2\n" +
            "turn_seconds_bucket{grain_type=\"g\",le=\"1\"} 5\n" +
            "turn_seconds_bucket{grain_type=\"g\",le=\"+Inf\"} 6\n" +
            "turn_seconds_sum{grain_type=\"g\"} 2.75\n" +
            "turn_seconds_count{grain_type=\"g\"} 6\n",
            text);
    }

    [Theory]
    [InlineData("streamorleans.stream.events_in", "{event}", true, "streamorleans_stream_events_in_total")]
    [InlineData("streamorleans.grain.turn.duration", "s", false, "streamorleans_grain_turn_duration_seconds")]
    [InlineData("streamorleans.stream.consumer_lag", "{event}", false, "streamorleans_stream_consumer_lag")]
    [InlineData("9lives-x", "By", false, "_9lives_x_bytes")]
    [InlineData("a_total", null, true, "a_total")]
    public void OpenTelemetry_names_map_to_prometheus_names(string name, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNaming.FamilyName(name, unit, counter));
}
