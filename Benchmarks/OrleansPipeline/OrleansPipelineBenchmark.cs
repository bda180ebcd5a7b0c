using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Spectre.Console;
using StreamOrleans.Benchmarks.ScaleOut;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Grains.Diagnostics;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Persistence;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Postgres;
using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>
/// The durable pipeline on Microsoft Orleans, one silo, 10,000 keys: a plain producer appends batches of 1000 keyed
/// records to our log; the log stream provider delivers them to <see cref="CounterGrain"/>s, which apply them
/// exactly once (state + positions in one group-committed SQLite write per delivery) while the provider commits queue
/// offsets every N events / T ms. Baseline in the same silo and run, alternating rounds: the same batches on Orleans'
/// memory streams to <see cref="MemoryCounterGrain"/>, the same grain logic and storage. Then the ingest-to-applied
/// latency at half the log side's rate, and (when PostgreSQL is reachable) the same pipeline with log and grain
/// state in PostgreSQL.
/// </summary>
internal static class OrleansPipelineBenchmark
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    public static async Task<JsonObject> RunAsync(OrleansPipelineSettings settings)
    {
        var batches = CounterBatches.Make();
        var result = new JsonObject
        {
            ["benchmark"] = "durable pipeline on Orleans 10.4.2, one silo: plain producer appends batches of 1000 to our log -> log stream provider -> " +
                "CounterGrain.ApplyOnceAsync (state + positions in one group-committed write per delivery) -> offsets committed; " +
                "baseline: the same batches on Orleans' memory streams to a twin grain with the same logic and storage, alternating rounds in the same silo",
            ["keys"] = OrleansPipelineSettings.Keys,
            ["batch_size"] = OrleansPipelineSettings.BatchSize,
            ["max_lag_events"] = settings.MaxLag,
            ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
            ["queues"] = OrleansPipelineSettings.Queues,
            ["checkpoint_events"] = settings.CheckpointEvents,
            ["checkpoint_interval_ms"] = settings.CheckpointInterval.TotalMilliseconds,
            ["max_events_per_delivery"] = settings.MaxEventsPerDelivery,
            ["poll_interval_ms"] = settings.PollInterval.TotalMilliseconds,
            ["round_seconds"] = settings.RoundLength.TotalSeconds,
            ["rounds"] = settings.Rounds,
            ["load_average_1m_at_start"] = BenchmarkOutput.LoadAverage(),
        };

        if (Console.IsOutputRedirected)
        {
            // Round lines go to a file or pipe: do not wrap them at the default 80 columns.
            AnsiConsole.Profile.Width = 240;
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                await RunSqliteAndMemoryAsync(settings, batches, result, context);
                await RunPostgresAsync(settings, batches, result, context);
            });

        return result;
    }

    private static async Task RunSqliteAndMemoryAsync(OrleansPipelineSettings settings, List<StreamRecord[]> batches, JsonObject result, ProgressContext progress)
    {
        var directory = Path.Combine(Path.GetTempPath(), "streamorleans-bench", Guid.NewGuid().ToString("N"));
        var probe = new AppliedProbe();
        var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory });
        var host = await OrleansPipelineSilo.StartAsync(settings, log, probe, memoryStreams: true, new Dictionary<string, string?>(),
            (silo, configuration) => silo.AddStreamOrleansSqliteStorage(StreamOrleans.Grains.GrainProviders.Storage, configuration, o => o.FilePath = Path.Combine(directory, "grains.db")));
        try
        {
            var logSide = new LogSide("sqlite log", log, batches, probe);
            var memorySide = new MemorySide("memory streams", host.Services.GetRequiredService<Orleans.IClusterClient>(), OrleansPipelineSilo.MemoryProvider, batches, probe);

            // Warm-up (JIT, 10,000 activations per side, SQLite rows created), not counted.
            var warmUp = progress.AddTask("warm-up (activates 2 x 10,000 grains)", maxValue: 2);
            foreach (PipelineSide side in new PipelineSide[] { logSide, memorySide })
            {
                await ActivateAllAsync(side);
                var rate = (await MeasureSustainedAsync(side, settings.RoundLength, settings.MaxLag)).Rate;
                Say($"warm-up {side.Name}: {rate:N0} events/s");
                if (side.Applied == 0)
                {
                    throw new InvalidOperationException($"{side.Name}: no event was seen applied during the warm-up round; the probe does not observe deliveries.");
                }

                warmUp.Increment(1);
            }

            var rounds = progress.AddTask($"{settings.Rounds} rounds x {settings.RoundLength.TotalSeconds:N0} s, alternating", maxValue: settings.Rounds * 2);
            var logRates = new List<double>();
            var memoryRates = new List<double>();
            var logRounds = new List<RoundResult>();
            var memoryRounds = new List<RoundResult>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                // Alternate which side goes first, so neither always follows the other's backlog of storage work.
                foreach (var side in round % 2 == 0 ? new PipelineSide[] { logSide, memorySide } : [memorySide, logSide])
                {
                    var measured = await MeasureSustainedAsync(side, settings.RoundLength, settings.MaxLag);
                    (side == logSide ? logRates : memoryRates).Add(measured.Rate);
                    (side == logSide ? logRounds : memoryRounds).Add(measured);
                    Say($"round {round + 1}/{settings.Rounds} {side.Name}: {measured}");
                    rounds.Increment(1);
                }
            }

            var logRate = Stats.Median(logRates);
            var memoryRate = Stats.Median(memoryRates);
            var latencyTask = progress.AddTask("ingest-to-applied latency at half rate", maxValue: 1);
            var latency = await MeasureLatencyAsync(logSide, probe, logRate / 2, settings.RoundLength * 2);
            latencyTask.Increment(1);
            Say($"at {latency.Offered:N0} events/s: ingest->applied p50 {latency.P50:N1} ms, p99 {latency.P99:N1} ms ({latency.Samples:N0} samples; " +
                $"GC paused {latency.GcPauseMs:N0} ms in {(settings.RoundLength * 2).TotalSeconds:N0} s, {latency.Gen1} gen1+ / {latency.Gen2} gen2 collections)");

            await memorySide.DrainAsync(DrainTimeout);
            var grains = host.Services.GetRequiredService<Orleans.IGrainFactory>();
            var logTotal = await SumCountsAsync(key => grains.GetGrain<ICounterGrain>(key).GetAsync());
            var memoryTotal = await SumCountsAsync(key => grains.GetGrain<IMemoryCounterGrain>(key).GetAsync());

            result["events_per_sec"] = Math.Round(logRate);
            result["events_per_sec_rounds"] = Rounded(logRates);
            result["target_events_per_sec"] = 250_000;
            result["cpu_us_per_event"] = Math.Round(Stats.Median(logRounds.Select(r => r.CpuMicros)), 1);
            result["allocated_bytes_per_event"] = Math.Round(Stats.Median(logRounds.Select(r => r.AllocatedBytes)));
            result["events_per_delivery"] = Math.Round(Stats.Median(logRounds.Select(r => r.EventsPerDelivery)), 2);
            result["memory_streams_events_per_sec"] = Math.Round(memoryRate);
            result["memory_streams_cpu_us_per_event"] = Math.Round(Stats.Median(memoryRounds.Select(r => r.CpuMicros)), 1);
            result["memory_streams_allocated_bytes_per_event"] = Math.Round(Stats.Median(memoryRounds.Select(r => r.AllocatedBytes)));
            result["memory_streams_events_per_delivery"] = Math.Round(Stats.Median(memoryRounds.Select(r => r.EventsPerDelivery)), 2);
            result["memory_streams_events_per_sec_rounds"] = Rounded(memoryRates);
            result["memory_streams_setup"] = $"AddMemoryStreams(\"mem\"): ImplicitOnly pub-sub, {OrleansPipelineSettings.Queues} queues, BatchContainerBatchSize {settings.MaxEventsPerDelivery}, " +
                $"GetQueueMsgsTimerPeriod {settings.PollInterval.TotalMilliseconds} ms; producer groups each batch of 1000 by key and calls OnNextBatchAsync once per key, concurrently";
            result["memory_streams_grain"] = "MemoryCounterGrain: the same ApplyOnceAsync with the same CounterState on the same SQLite group-commit storage 'grains' (one state + positions write per delivery)";
            result["ratio_vs_memory_streams"] = Stats.Ratio(logRate, memoryRate);
            result["target_ratio_vs_memory_streams"] = 0.6;
            result["latency_rate_events_per_sec"] = Math.Round(latency.Offered);
            result["p50_ingest_to_applied_ms"] = Math.Round(latency.P50, 2);
            result["p99_ingest_to_applied_ms"] = Math.Round(latency.P99, 2);
            result["target_p99_ingest_to_applied_ms"] = 20;
            result["latency_samples"] = latency.Samples;
            result["latency_round_gc_pause_ms"] = Math.Round(latency.GcPauseMs);
            result["latency_round_gc_collections"] = new JsonObject { ["gen1_or_older"] = latency.Gen1, ["gen2"] = latency.Gen2 };
            result["latency_note"] = "from the producer's Stopwatch stamp (in the record value, taken before AppendAsync) to the return of the grain's delivery " +
                "(state written), observed by an incoming grain-call filter; appends every 10 ms; the first quarter of the round is not recorded";
            result["exactly_once_check"] = new JsonObject
            {
                ["log_events_produced"] = logSide.Produced,
                ["stream_counter_grains_total_count"] = logTotal,
                ["memory_events_produced"] = memorySide.Produced,
                ["memory_counter_grains_total_count"] = memoryTotal,
                ["ok"] = logTotal == logSide.Produced && memoryTotal == memorySide.Produced,
            };
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
            await log.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunPostgresAsync(OrleansPipelineSettings settings, List<StreamRecord[]> batches, JsonObject result, ProgressContext progress)
    {
        var skipped = settings.PostgresConnection is null ? "--postgres none"
            : await UnreachableAsync(settings.PostgresConnection) is { } reason ? $"PostgreSQL not reachable: {reason}" : null;
        if (skipped is not null)
        {
            result["pg_skipped"] = skipped;
            Say($"postgres skipped: {skipped}");
            return;
        }

        var connection = await ScaleOutBenchmark.CreateSchemaAsync(settings.PostgresConnection!, "bench_orleans");
        var probe = new AppliedProbe();
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 16 }.ConnectionString);
        var log = new PostgresStreamLog(dataSource, Options.Create(new PostgresStreamLogOptions()));
        IHost? host = null;
        try
        {
            host = await OrleansPipelineSilo.StartAsync(settings, log, probe, memoryStreams: false,
                new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connection },
                (silo, configuration) => silo.AddStreamOrleansPostgresStorage(StreamOrleans.Grains.GrainProviders.Storage, configuration));
            var side = new LogSide("postgres log", log, batches, probe);
            var task = progress.AddTask($"postgres: warm-up + {settings.Rounds} rounds", maxValue: settings.Rounds + 1);
            await ActivateAllAsync(side);
            Say($"warm-up {side.Name}: {await MeasureSustainedAsync(side, settings.RoundLength, settings.MaxLag)}");
            task.Increment(1);
            var rates = new List<double>();
            var measured = new List<RoundResult>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                measured.Add(await MeasureSustainedAsync(side, settings.RoundLength, settings.MaxLag));
                rates.Add(measured[^1].Rate);
                Say($"round {round + 1}/{settings.Rounds} {side.Name}: {measured[^1]}");
                task.Increment(1);
            }

            await side.DrainAsync(DrainTimeout);
            var pgRate = Stats.Median(rates);
            result["pg_events_per_sec"] = Math.Round(pgRate);
            result["pg_events_per_sec_rounds"] = Rounded(rates);
            result["pg_cpu_us_per_event"] = Math.Round(Stats.Median(measured.Select(r => r.CpuMicros)), 1);
            result["pg_events_per_delivery"] = Math.Round(Stats.Median(measured.Select(r => r.EventsPerDelivery)), 2);
            result["pg_ratio_vs_sqlite"] = Stats.Ratio(pgRate, result["events_per_sec"]!.GetValue<double>());
            result["pg_setup"] = "PostgresStreamLog + AddStreamOrleansPostgresStorage in a fresh schema (dropped after), same provider options; " +
                "measured after the SQLite and memory rounds in the same run (its own silo), not alternating";
        }
        finally
        {
            if (host is not null)
            {
                await host.StopAsync();
                host.Dispose();
            }

            await log.DisposeAsync();
            await dataSource.DisposeAsync();
            await ScaleOutBenchmark.DropSchemaAsync(connection);
        }
    }

    // Rate of applied events while the producer keeps at most maxLag events ahead, and the process's CPU time and
    // allocated bytes per applied event (less sensitive than the rate to other processes taking the machine's cores).
    internal static async Task<RoundResult> MeasureSustainedAsync(PipelineSide side, TimeSpan length, long maxLag)
    {
        await side.DrainAsync(DrainTimeout);
        var appliedAtStart = side.Applied;
        var deliveriesAtStart = side.Deliveries;
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedAtStart = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        var batch = 0;
        while (Stopwatch.GetElapsedTime(started) < length)
        {
            if (side.Produced - side.Applied > maxLag)
            {
                await Task.Delay(1);
                continue;
            }

            await side.ProduceAsync(batch++);
        }

        var applied = side.Applied - appliedAtStart;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedAtStart;
        return new RoundResult(applied / Stopwatch.GetElapsedTime(started).TotalSeconds, cpu.TotalMicroseconds / Math.Max(1, applied),
            (double)allocated / Math.Max(1, applied), (double)applied / Math.Max(1, side.Deliveries - deliveriesAtStart));
    }

    private static async Task<(double P50, double P99, double Offered, int Samples, double GcPauseMs, int Gen1, int Gen2)> MeasureLatencyAsync(LogSide side, AppliedProbe probe, double rate, TimeSpan length)
    {
        await side.DrainAsync(DrainTimeout);
        const int ticksPerSecond = 100;
        var perTick = Math.Max(1, (int)(rate / ticksPerSecond));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / ticksPerSecond));
        var started = Stopwatch.GetTimestamp();
        var recording = false;
        var pauseAtStart = GC.GetTotalPauseDuration();
        var (gen1AtStart, gen2AtStart) = (GC.CollectionCount(1), GC.CollectionCount(2));
        long sent = 0;
        while (Stopwatch.GetElapsedTime(started) < length && await timer.WaitForNextTickAsync())
        {
            if (!recording && Stopwatch.GetElapsedTime(started) > length / 4)
            {
                probe.StartRecording();
                recording = true;
            }

            await side.ProduceStampedAsync(perTick);
            sent += perTick;
        }

        var offered = sent / Stopwatch.GetElapsedTime(started).TotalSeconds;
        var pause = GC.GetTotalPauseDuration() - pauseAtStart;
        var (gen1, gen2) = (GC.CollectionCount(1) - gen1AtStart, GC.CollectionCount(2) - gen2AtStart);
        await side.DrainAsync(DrainTimeout);
        var latencies = probe.StopRecording();
        return (Stats.Percentile(latencies, latencies.Length, 50), Stats.Percentile(latencies, latencies.Length, 99), offered, latencies.Length, pause.TotalMilliseconds, gen1, gen2);
    }

    // One event per key (every consumer grain activated and its state row created), then wait until all are applied.
    internal static async Task ActivateAllAsync(PipelineSide side)
    {
        var started = Stopwatch.GetTimestamp();
        await side.ProduceEveryKeyOnceAsync();
        await side.DrainAsync(DrainTimeout);
        Say($"{side.Name}: {OrleansPipelineSettings.Keys:N0} grains activated in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s");
    }

    private static async Task<long> SumCountsAsync(Func<string, Task<CounterSnapshot>> get)
    {
        long total = 0;
        foreach (var chunk in Enumerable.Range(0, OrleansPipelineSettings.Keys).Chunk(500))
        {
            foreach (var snapshot in await Task.WhenAll(chunk.Select(i => get($"counter-{i}"))))
            {
                total += snapshot.Count;
            }
        }

        return total;
    }

    private static async Task<string?> UnreachableAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3 }.ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
        {
            return e.Message;
        }
    }

    private static JsonArray Rounded(List<double> rates) => new([.. rates.Select(r => (JsonNode)Math.Round(r))]);

    private static void Say(string line) => AnsiConsole.WriteLine(line);
}
