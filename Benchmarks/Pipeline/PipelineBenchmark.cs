using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Silo;

namespace StreamOrleans.Benchmarks.Pipeline;

/// <summary>
/// The durable pipeline end to end on the embedded log: append -> partition pump -> route -> CounterGrain turn ->
/// checkpoint (every 1000 events or 100 ms) with exactly-once state, over 10,000 keys. Measures (1) the highest
/// sustained rate: a producer appends as fast as the pipeline keeps up (lag capped), median of rounds; and (2) the
/// ingest-to-applied latency at half that rate. Baseline in the same run: the log alone (append then read back).
/// </summary>
internal static class PipelineBenchmark
{
    private const int Keys = 10_000;
    private const int BatchSize = 1000;
    private const long MaxLag = 200_000;

    public static async Task<JsonObject> RunAsync(TimeSpan roundLength, int rounds, int checkpointEvents, TimeSpan checkpointInterval, TextWriter log)
    {
        var directory = Path.Combine(Path.GetTempPath(), "streamorleans-bench", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder([
            $"--Silo:DataDirectory={directory}",
            $"--Streams:CheckpointEvents={checkpointEvents}",
            $"--Streams:CheckpointInterval={checkpointInterval:c}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        builder.AddStreamOrleansSilo();
        using var host = builder.Build();
        await host.StartAsync();
        var streams = host.Services.GetRequiredService<StreamRuntime>();
        var streamLog = streams.Log;
        var batches = MakeBatches();

        var baseline = await MeasureLogOnlyAsync(streamLog, batches, log);

        // Warm-up (JIT, first activation of every key's grain), not counted.
        log.WriteLine($"warm-up: {await MeasureSustainedAsync(streamLog, streams, batches, roundLength):N0} events/s");
        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            rates.Add(await MeasureSustainedAsync(streamLog, streams, batches, roundLength));
            log.WriteLine($"round {round + 1}/{rounds}: sustained {rates[^1]:N0} events/s");
        }

        var maxRate = Stats.Median(rates);
        var (p50, p99, offered) = await MeasureLatencyAsync(streamLog, streams, batches, maxRate / 2, roundLength * 2, log);
        var total = await SumCountersAsync(host.Services);

        await host.StopAsync();
        Directory.Delete(directory, recursive: true);
        return new JsonObject
        {
            ["benchmark"] = "durable pipeline on the embedded SQLite log: append -> pump -> CounterGrain -> checkpoint (1000 events / 100 ms), 10,000 keys",
            ["keys"] = Keys,
            ["checkpoint_events"] = checkpointEvents,
            ["checkpoint_interval_ms"] = checkpointInterval.TotalMilliseconds,
            ["partitions"] = streams.Options.DefaultPartitions,
            ["round_seconds"] = roundLength.TotalSeconds,
            ["rounds"] = rounds,
            ["events_per_sec"] = Math.Round(maxRate),
            ["events_per_sec_rounds"] = new JsonArray([.. rates.Select(r => (JsonNode)Math.Round(r))]),
            ["target_events_per_sec"] = 250_000,
            ["latency_rate_events_per_sec"] = Math.Round(offered),
            ["p50_ingest_to_applied_ms"] = p50,
            ["p99_ingest_to_applied_ms"] = p99,
            ["target_p99_ingest_to_applied_ms"] = 20,
            ["latency_note"] = "log timestamps are whole milliseconds, so latencies carry up to 1 ms of truncation",
            ["baseline_log_append_then_read_events_per_sec"] = Math.Round(baseline),
            ["pipeline_ratio_vs_log_only"] = Math.Round(maxRate / baseline, 3),
            ["counter_total_check"] = total,
        };
    }

    /// <summary>Builds and starts a silo host (no HTTP) with the given configuration arguments; telemetry off, warnings only.</summary>
    internal static async Task<IHost> StartSiloAsync(params string[] arguments)
    {
        var builder = Host.CreateApplicationBuilder([.. arguments, "--Telemetry:Enabled=false", "--Logging:LogLevel:Default=Warning"]);
        builder.AddStreamOrleansSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal static List<StreamRecord[]> MakeBatches()
    {
        var value = Encoding.UTF8.GetBytes("""{"amount":1}""");
        var random = new Random(1);
        return [.. Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, BatchSize).Select(_ => new StreamRecord($"counter-{random.Next(Keys)}", value)).ToArray())];
    }

    // The log alone: append the same batches to a topic nobody consumes and read them back, partition by partition.
    private static async Task<double> MeasureLogOnlyAsync(IStreamLog log, List<StreamRecord[]> batches, TextWriter output)
    {
        const string topic = "bench-raw";
        await log.CreateTopicAsync(topic, 8);
        var started = Stopwatch.GetTimestamp();
        long appended = 0;
        for (var i = 0; i < 300; i++)
        {
            await log.AppendAsync(topic, batches[i % batches.Count]);
            appended += BatchSize;
        }

        foreach (var partition in await log.GetOffsetsAsync(topic))
        {
            for (var offset = partition.StartOffset; offset < partition.EndOffset;)
            {
                offset += (await log.ReadAsync(topic, partition.Partition, offset, 5000)).Count;
            }
        }

        var rate = appended / Stopwatch.GetElapsedTime(started).TotalSeconds;
        output.WriteLine($"baseline (log only, append + read): {rate:N0} events/s");
        return rate;
    }

    internal static async Task<double> MeasureSustainedAsync(IStreamLog log, StreamRuntime streams, List<StreamRecord[]> batches, TimeSpan length)
    {
        await DrainAsync(log, streams);
        var appliedAtStart = streams.Stats.EventsApplied;
        var appended = 0L;
        var started = Stopwatch.GetTimestamp();
        var i = 0;
        while (Stopwatch.GetElapsedTime(started) < length)
        {
            if (appended - (streams.Stats.EventsApplied - appliedAtStart) > MaxLag)
            {
                await Task.Delay(1);
                continue;
            }

            await log.AppendAsync(CounterEvent.Topic, batches[i++ % batches.Count]);
            appended += BatchSize;
        }

        return (streams.Stats.EventsApplied - appliedAtStart) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<(double P50, double P99, double Offered)> MeasureLatencyAsync(IStreamLog log, StreamRuntime streams, List<StreamRecord[]> batches, double rate, TimeSpan length, TextWriter output)
    {
        await DrainAsync(log, streams);
        const int ticksPerSecond = 100;
        var perTick = Math.Max(1, (int)(rate / ticksPerSecond));
        var slices = batches.SelectMany(b => b.Chunk(perTick)).Where(s => s.Length == perTick).ToArray();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / ticksPerSecond));
        var started = Stopwatch.GetTimestamp();
        var warmedUp = false;
        long sent = 0;
        var i = 0;
        while (Stopwatch.GetElapsedTime(started) < length && await timer.WaitForNextTickAsync())
        {
            if (!warmedUp && Stopwatch.GetElapsedTime(started) > length / 4)
            {
                streams.Stats.IngestToApplied.Reset();
                warmedUp = true;
            }

            await log.AppendAsync(CounterEvent.Topic, slices[i++ % slices.Length]);
            sent += perTick;
        }

        var offered = sent / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await DrainAsync(log, streams);
        var p50 = streams.Stats.IngestToApplied.PercentileMs(50) ?? double.NaN;
        var p99 = streams.Stats.IngestToApplied.PercentileMs(99) ?? double.NaN;
        output.WriteLine($"at {offered:N0} events/s: ingest->applied p50 {p50:N1} ms, p99 {p99:N1} ms");
        return (p50, p99, offered);
    }

    private static async Task DrainAsync(IStreamLog log, StreamRuntime streams)
    {
        var end = (await log.GetOffsetsAsync(CounterEvent.Topic)).Sum(o => o.EndOffset);
        while (true)
        {
            var committed = (await log.GetCommittedOffsetsAsync(streams.Options.ConsumerGroup, CounterEvent.Topic)).Values.Sum();
            if (committed >= end)
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    private static async Task<long> SumCountersAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<StreamOrleans.Runtime.IGrainFactory>();
        long total = 0;
        for (var i = 0; i < Keys; i += 997)
        {
            total += (await factory.GetGrain<ICounterGrain>($"counter-{i}").GetAsync()).Count;
        }

        return total;
    }
}
