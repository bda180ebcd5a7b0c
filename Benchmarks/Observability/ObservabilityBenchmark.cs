using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StreamOrleans.Benchmarks.OrleansPipeline;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Grains.Diagnostics;
using StreamOrleans.Persistence;
using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Benchmarks.Observability;

/// <summary>
/// Durable pipeline throughput (the Orleans pipeline benchmark's silo and producer: SQLite log -> log stream provider
/// -> CounterGrain, 10,000 keys, checkpoint every 1000 events / 100 ms) with telemetry off and on, alternating rounds
/// in one silo: "on" creates an OpenTelemetry SDK subscribed to what AddServiceDefaults subscribes to
/// (<see cref="TelemetryNames"/>: our and Orleans' sources, always sampled; our and Orleans' meters aggregated and
/// collected after the round), "off" disposes it so no listener exists. Ratio of medians = tracing_overhead_ratio.
/// </summary>
internal static class ObservabilityBenchmark
{
    public static async Task<JsonObject> RunAsync(TimeSpan roundLength, int rounds, TextWriter log)
    {
        var settings = new OrleansPipelineSettings(roundLength, rounds, CheckpointEvents: 1000, CheckpointInterval: TimeSpan.FromMilliseconds(100),
            MaxEventsPerDelivery: 256, PollInterval: TimeSpan.FromMilliseconds(10), MaxLag: OrleansPipelineSettings.MaxLagLimit, PostgresConnection: null);
        var directory = Path.Combine(Path.GetTempPath(), "streamorleans-bench", Guid.NewGuid().ToString("N"));
        var probe = new AppliedProbe();
        var streamLog = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory });
        var host = await OrleansPipelineSilo.StartAsync(settings, streamLog, probe, memoryStreams: false, new Dictionary<string, string?>(),
            (silo, configuration) => silo.AddStreamOrleansSqliteStorage(StreamOrleans.Grains.GrainProviders.Storage, configuration, o => o.FilePath = Path.Combine(directory, "grains.db")));
        var off = new List<double>();
        var on = new List<double>();
        long spans = 0;
        long metricPoints = 0;
        try
        {
            var side = new LogSide("sqlite log", streamLog, CounterBatches.Make(), probe);
            await OrleansPipelineBenchmark.ActivateAllAsync(side);
            log.WriteLine($"warm-up: {await OrleansPipelineBenchmark.MeasureSustainedAsync(side, roundLength, settings.MaxLag)}");
            for (var round = 0; round < rounds; round++)
            {
                for (var pass = 0; pass < 2; pass++)
                {
                    var telemetryOn = (round + pass) % 2 == 1;
                    if (!telemetryOn)
                    {
                        off.Add((await OrleansPipelineBenchmark.MeasureSustainedAsync(side, roundLength, settings.MaxLag)).Rate);
                        log.WriteLine($"round {round + 1}: off {off[^1]:N0} events/s");
                        continue;
                    }

                    var points = new MetricPointCounter();
                    using var reader = new BaseExportingMetricReader(points);
                    using var sdk = OpenTelemetrySdk.Create(builder => builder
                        .WithTracing(t => t.AddSource([.. TelemetryNames.ActivitySources]))
                        .WithMetrics(m => m.AddMeter([.. TelemetryNames.Meters]).AddReader(reader)));
                    using var spanCounter = new ActivityListener
                    {
                        ShouldListenTo = s => s.Name.StartsWith("StreamOrleans.", StringComparison.Ordinal),
                        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
                        ActivityStarted = _ => Interlocked.Increment(ref spans),
                    };
                    ActivitySource.AddActivityListener(spanCounter);
                    on.Add((await OrleansPipelineBenchmark.MeasureSustainedAsync(side, roundLength, settings.MaxLag)).Rate);
                    reader.Collect();
                    metricPoints = points.Points;
                    log.WriteLine($"round {round + 1}: on  {on[^1]:N0} events/s");
                }
            }
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
            await streamLog.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }

        var ratio = Stats.Median(on) / Stats.Median(off);
        return new JsonObject
        {
            ["benchmark"] = "durable pipeline on Orleans (SQLite log -> log stream provider -> CounterGrain.ApplyOnceAsync, 10,000 keys, checkpoint 1000 events / 100 ms) with telemetry off vs on, alternating rounds in one silo",
            ["telemetry_on"] = "OpenTelemetrySdk subscribed to the sources and meters AddServiceDefaults exports (StreamOrleans.*, Microsoft.Orleans*), always sampled, no OTLP exporter; the appended records carry no trace context (as from a producer that does not propagate one); all meters aggregated and collected once after each round",
            ["round_seconds"] = roundLength.TotalSeconds,
            ["rounds"] = rounds,
            ["events_per_sec_off"] = Math.Round(Stats.Median(off)),
            ["events_per_sec_on"] = Math.Round(Stats.Median(on)),
            ["events_per_sec_off_rounds"] = new JsonArray([.. off.Select(r => (JsonNode)Math.Round(r))]),
            ["events_per_sec_on_rounds"] = new JsonArray([.. on.Select(r => (JsonNode)Math.Round(r))]),
            ["spans_started_while_on"] = spans,
            ["last_collect_metric_points"] = metricPoints,
            ["tracing_overhead_ratio"] = Math.Round(ratio, 3),
            ["target_tracing_overhead_ratio"] = 0.9,
            ["load_average_1m"] = BenchmarkOutput.LoadAverage(),
        };
    }
}
