using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StreamOrleans.Tests.Api;

namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>
/// The API host (AddServiceDefaults, configured with the OTEL_* keys Aspire sets) exports over OTLP/HTTP to an in-suite
/// receiver: one ingest request's trace holds ASP.NET Core's request span, the stream provider's delivery and, below
/// it, the grain turn that applied the record; the stream metrics arrive; /metrics serves the same instruments in the Prometheus
/// format.
/// </summary>
public sealed class OtlpExportTests
{
    private const string TopicOnlyHere = "telemetry-otlp-test";

    [Fact]
    public async Task One_trace_spans_ingest_batch_and_grain_turn_and_metrics_are_exported()
    {
        using var receiver = new OtlpHttpReceiver();
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.AbsoluteUri,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "3600000",
            // As Aspire's Orleans resource sets it: Orleans adds its activity propagation itself (once, with ours).
            ["Orleans:EnableDistributedTracing"] = "true",
            [$"Streams:Topics:{TopicOnlyHere}:Partitions"] = "1",
        });
        var client = api.CreateAuthorizedClient();
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/streams/counter-events/events")
        {
            Content = JsonContent.Create(new { events = new[] { new { key = "otlp-key", value = new { amount = 2 } } } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/streams/{TopicOnlyHere}/events", new { events = new[] { new { key = "a", value = 1 }, new { key = "b", value = 2 }, new { key = "c", value = 3 } } })).EnsureSuccessStatusCode();
        await api.WaitUntilCommittedAsync("counter-events");

        Assert.True(api.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        // The Prometheus reader only collects on a scrape, so the provider-wide flush reports false; the OTLP reader exports.
        api.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        var spans = receiver.Traces.SelectMany(OtlpDecoder.ReadSpans).Where(s => s.TraceId == traceId.ToHexString()).ToList();
        var ingest = Assert.Single(spans, s => s.Name == "POST /api/streams/{topic}/events");
        Assert.Equal("Microsoft.AspNetCore", ingest.Scope);
        Assert.Equal(callerSpan.ToHexString(), ingest.ParentSpanId);
        // The record carries the ingest span's context through the log: the pulling agent's delivery continues the trace,
        // and the grain turn's apply nests below it (Orleans' own runtime spans are not exported: TelemetryNames).
        var deliver = Assert.Single(spans, s => s.Name == "stream.deliver");
        Assert.Equal(("StreamOrleans.Streaming", ingest.SpanId), (deliver.Scope, deliver.ParentSpanId));
        Assert.Equal("counter-events", deliver.Attributes["messaging.destination.name"]);
        var apply = Assert.Single(spans, s => s.Name == "stream.apply");
        Assert.Equal(("StreamOrleans.Streaming", deliver.SpanId), (apply.Scope, apply.ParentSpanId));
        Assert.DoesNotContain(spans, s => s.Scope == "Microsoft.Orleans.Runtime");
        Assert.Equal("counter-events", apply.Attributes["messaging.destination.name"]);
        Assert.Equal("otlp-key", apply.Attributes["grain.key"]);
        Assert.Empty(apply.LinkedSpanIds);

        // Grain turns, activations and mailboxes are Orleans' own now (its dashboard at /orleans shows them); these are ours.
        var metrics = receiver.Metrics.SelectMany(OtlpDecoder.ReadMetricNames).ToHashSet();
        string[] expected =
        [
            "streamorleans.stream.events_in", "streamorleans.stream.checkpoint.duration", "streamorleans.stream.queue.delivered",
            "streamorleans.stream.queue.lag", "streamorleans.stream.queue.cached",
        ];
        Assert.All(expected, name => Assert.Contains(name, metrics));

        var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("3", PrometheusText.Value(text, "streamorleans_stream_events_in_total", $"topic=\"{TopicOnlyHere}\""));
        // Gauges read every silo of this process (other test hosts run in parallel): their values are not exact here.
        Assert.NotNull(PrometheusText.Value(text, "streamorleans_stream_queue_lag", "partition=\"0\"", "topic=\"counter-events\""));
        Assert.Contains("# TYPE streamorleans_stream_checkpoint_duration_seconds histogram\n", text, StringComparison.Ordinal);
    }
}
