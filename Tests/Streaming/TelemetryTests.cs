using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Tests.Streaming.Support;

namespace StreamOrleans.Tests.Streaming;

/// <summary>The provider's telemetry: a record's trace context continues into the consumer's turn; lag, delivery and checkpoint metrics.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_records_trace_context_continues_into_the_consumers_apply_span()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StreamingDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await LogStreamCluster.StartAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var parentSpan = ActivitySpanId.CreateRandom();
        var key = $"traced-{Guid.NewGuid():N}";

        await cluster.Log.AppendAsync(CounterEvent.Topic, [new StreamRecord(key, Encoding.UTF8.GetBytes("""{"amount":2}"""),
            new Dictionary<string, string> { ["traceparent"] = $"00-{traceId}-{parentSpan}-01" })]);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);

        // The delivery continues the record's context and carries its span to the consumer: the turn's apply nests below it.
        var deliver = Assert.Single(spans, s => s.TraceId == traceId && s.OperationName == "stream.deliver");
        Assert.Equal((parentSpan, ActivityKind.Consumer), (deliver.ParentSpanId, deliver.Kind));
        Assert.Equal(key, deliver.GetTagItem("grain.key"));
        var span = Assert.Single(spans, s => s.TraceId == traceId && s.OperationName == "stream.apply");
        Assert.Equal((deliver.SpanId, ActivityKind.Consumer), (span.ParentSpanId, span.Kind));
        Assert.Equal(CounterEvent.Topic, span.GetTagItem("messaging.destination.name"));
        Assert.Equal(key, span.GetTagItem("grain.key"));
        Assert.Equal(1, span.GetTagItem("streamorleans.applied"));
    }

    [Fact]
    public async Task Queue_lag_deliveries_and_checkpoint_durations_are_measured()
    {
        var measured = new ConcurrentDictionary<string, long>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name is LogStreamInstruments.MeterName or "StreamOrleans.Streams")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, old) => old + value));
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => measured.AddOrUpdate(instrument.Name, 1, (_, old) => old + 1));
        meters.Start();
        await using var cluster = await LogStreamCluster.StartAsync();

        await cluster.AppendAsync(CounterEvent.Topic, [.. Enumerable.Range(0, 50).Select(i => ($"metered-{i}", """{"amount":1}"""))]);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);
        meters.RecordObservableInstruments();

        Assert.True(measured.GetValueOrDefault("streamorleans.stream.queue.delivered") >= 50);
        Assert.True(measured.GetValueOrDefault("streamorleans.stream.checkpoint.duration") > 0);
        Assert.True(measured.ContainsKey("streamorleans.stream.queue.lag"));
        Assert.True(measured.ContainsKey("streamorleans.stream.queue.cached"));
    }
}
