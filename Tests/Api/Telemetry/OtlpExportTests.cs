using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Silo.Telemetry;
using StreamOrleans.Tests.Api;

namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>
/// The API host exports over OTLP/HTTP to an in-suite receiver: one ingest request's trace holds the ingest span, the
/// pump batch that moved its record and the grain turn that applied it; the runtime's metrics arrive; /metrics serves
/// the same instruments in the Prometheus format.
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
            ["Telemetry:OtlpEndpoint"] = receiver.Endpoint.AbsoluteUri,
            ["Telemetry:OtlpProtocol"] = "http/protobuf",
            ["Telemetry:MetricExportInterval"] = "01:00:00",
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

        Assert.True(api.Services.GetRequiredService<TelemetrySdk>().ForceFlush());

        var spans = receiver.Traces.SelectMany(OtlpDecoder.ReadSpans).Where(s => s.TraceId == traceId.ToHexString()).ToList();
        var ingest = Assert.Single(spans, s => s.Name == "POST /api/streams/{topic}/events");
        Assert.Equal("StreamOrleans.Api", ingest.Scope);
        Assert.Equal(callerSpan.ToHexString(), ingest.ParentSpanId);
        var batch = Assert.Single(spans, s => s.Name == "stream.batch");
        Assert.Equal("StreamOrleans.Streams", batch.Scope);
        Assert.Equal(ingest.SpanId, batch.ParentSpanId);
        Assert.Equal("counter-events", batch.Attributes["messaging.destination.name"]);
        var turn = Assert.Single(spans, s => s.Name == "grain.turn");
        Assert.Equal("StreamOrleans.Runtime", turn.Scope);
        Assert.Equal(ingest.SpanId, turn.ParentSpanId);
        Assert.Equal("otlp-key", turn.Attributes["grain.key"]);
        Assert.Equal([batch.SpanId], turn.LinkedSpanIds);

        var metrics = receiver.Metrics.SelectMany(OtlpDecoder.ReadMetricNames).ToHashSet();
        string[] expected =
        [
            "streamorleans.stream.events_in", "streamorleans.stream.events_out", "streamorleans.stream.checkpoint.duration",
            "streamorleans.stream.consumer_lag", "streamorleans.grain.turn.duration", "streamorleans.grain.active",
            "streamorleans.grain.mailbox.depth", "streamorleans.storage.write.duration",
        ];
        Assert.All(expected, name => Assert.Contains(name, metrics));

        var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains($"streamorleans_stream_events_in_total{{topic=\"{TopicOnlyHere}\"}} 3\n", text, StringComparison.Ordinal);
        // Gauges read every silo of this process (other test hosts run in parallel): their values are not exact here.
        Assert.Contains("streamorleans_grain_active{grain_type=\"CounterGrain\"} ", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE streamorleans_grain_turn_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("streamorleans_stream_consumer_lag{partition=\"0\",topic=\"counter-events\"} ", text, StringComparison.Ordinal);
    }
}
