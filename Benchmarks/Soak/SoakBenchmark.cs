using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using StreamOrleans.Benchmarks.OrleansPipeline;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Persistence;
using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Benchmarks.Soak;

/// <summary>
/// Sustained load on the durable pipeline of the pipeline benchmark (one silo, our log provider on a SQLite log,
/// <c>CounterGrain</c>s over 10,000 keys, SQLite grain state): first the maximum rate, measured in the same run and
/// silo as that benchmark measures it (closed-loop producer, median of a few rounds), then a steady paced producer at
/// a fraction of it (80% by default) for the run's length, with the log's retention age short enough that the log
/// must delete while the load runs. Every sample records the process's RSS and managed heap, the disk use of the data
/// folder, produced / applied / lag and the log's size; the end compares every grain's count with what was sent for
/// its key (nothing lost, nothing applied twice) and decides whether memory, disk and lag stayed bounded.
/// </summary>
internal static class SoakBenchmark
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(180);

    public static async Task<JsonObject> RunAsync(SoakSettings settings, TextWriter progress)
    {
        settings.Validate();
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240;
        }

        var pipeline = new OrleansPipelineSettings(settings.MaxRateRoundLength, settings.MaxRateRounds, CheckpointEvents: 1000,
            CheckpointInterval: TimeSpan.FromMilliseconds(100), MaxEventsPerDelivery: 256, PollInterval: TimeSpan.FromMilliseconds(10),
            MaxLag: OrleansPipelineSettings.MaxLagLimit, PostgresConnection: null);
        var directory = Path.Combine(Path.GetTempPath(), "streamorleans-soak", Guid.NewGuid().ToString("N"));
        var probe = new AppliedProbe();
        var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory, RetentionAge = settings.RetentionAge });
        var host = await OrleansPipelineSilo.StartAsync(pipeline, log, probe, memoryStreams: false, new Dictionary<string, string?>(),
            (silo, configuration) => silo.AddStreamOrleansSqliteStorage(StreamOrleans.Grains.GrainProviders.Storage, configuration, o => o.FilePath = Path.Combine(directory, "grains.db")),
            o => o.RetentionInterval = settings.RetentionInterval);
        try
        {
            var side = new SoakSide(log, CounterBatches.Make(), probe);
            var result = new JsonObject
            {
                ["soak_benchmark"] = "the pipeline benchmark's durable pipeline (one silo, our log provider on a SQLite log, CounterGrain x 10,000 keys, SQLite grain state, server GC): " +
                    "maximum rate measured first in the same run and silo (closed-loop producer, batches of 1000, median of the rounds), then a steady paced producer at a fraction of it, " +
                    "with log retention deleting while the load runs",
                ["soak_minutes"] = settings.Duration.TotalMinutes,
                ["soak_load_fraction"] = settings.LoadFraction,
                ["soak_server_gc"] = System.Runtime.GCSettings.IsServerGC,
                ["soak_retention_age_seconds"] = settings.RetentionAge.TotalSeconds,
                ["soak_retention_interval_seconds"] = settings.RetentionInterval.TotalSeconds,
                ["soak_sample_seconds"] = settings.SampleInterval.TotalSeconds,
                ["soak_producer_tick_ms"] = SoakSettings.ProducerTick.TotalMilliseconds,
                ["soak_load_average_1m_at_start"] = BenchmarkOutput.LoadAverage(),
            };

            var max = await MeasureMaxRateAsync(side, pipeline, progress);
            result["soak_max_events_per_sec"] = Math.Round(max.Median);
            result["soak_max_events_per_sec_rounds"] = new JsonArray([.. max.Rounds.Select(r => (JsonNode)Math.Round(r))]);
            var target = max.Median * settings.LoadFraction;
            result["soak_target_events_per_sec"] = Math.Round(target);

            var run = await RunPacedAsync(side, log, directory, target, settings, progress);
            await side.DrainAsync(DrainTimeout);
            var final = Sample(run.Elapsed.TotalSeconds, side, await LogSizeAsync(log), directory);
            var totals = await CompareTotalsAsync(host.Services.GetRequiredService<Orleans.IGrainFactory>(), side);
            Report(result, settings, target, run, final, totals, progress);
            return result;
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
            await log.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double Median, List<double> Rounds)> MeasureMaxRateAsync(SoakSide side, OrleansPipelineSettings pipeline, TextWriter progress)
    {
        await OrleansPipelineBenchmark.ActivateAllAsync(side);
        progress.WriteLine($"max rate: warm-up {await OrleansPipelineBenchmark.MeasureSustainedAsync(side, pipeline.RoundLength, pipeline.MaxLag)}");
        var rounds = new List<double>();
        for (var round = 0; round < pipeline.Rounds; round++)
        {
            var measured = await OrleansPipelineBenchmark.MeasureSustainedAsync(side, pipeline.RoundLength, pipeline.MaxLag);
            rounds.Add(measured.Rate);
            progress.WriteLine($"max rate: round {round + 1}/{pipeline.Rounds}: {measured}");
        }

        await side.DrainAsync(DrainTimeout);
        var median = Stats.Median(rounds);
        progress.WriteLine($"max rate: median {median:N0} events/s");
        return (median, rounds);
    }

    private static async Task<PacedRun> RunPacedAsync(SoakSide side, SqliteStreamLog log, string directory, double target, SoakSettings settings, TextWriter progress)
    {
        progress.WriteLine($"soak: {settings.Duration.TotalMinutes:N1} min at {target:N0} events/s ({settings.LoadFraction:P0} of the maximum), " +
            $"retention {settings.RetentionAge.TotalSeconds:N0} s every {settings.RetentionInterval.TotalSeconds:N0} s, a sample every {settings.SampleInterval.TotalSeconds:N0} s");
        var samples = new List<SoakSample>();
        var producedAtStart = side.Produced;
        var appliedAtStart = side.Applied;
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var sampler = SampleAsync(side, log, directory, started, settings.SampleInterval, samples, progress, stop.Token);

        using var timer = new PeriodicTimer(SoakSettings.ProducerTick);
        long sent = 0;
        long mostBehind = 0;
        var perTickCatchUp = Math.Max(1, (long)(2 * target * SoakSettings.ProducerTick.TotalSeconds));
        TimeSpan elapsed;
        while ((elapsed = Stopwatch.GetElapsedTime(started)) < settings.Duration)
        {
            // Records due by now at the target rate. A late tick is made up at no more than twice the target rate (the
            // producer stays steady, not bursty): what the pipeline cannot take stays owed and shows as an achieved
            // rate below the target.
            var due = (long)(target * elapsed.TotalSeconds);
            mostBehind = Math.Max(mostBehind, due - sent);
            var owed = Math.Min(due - sent, perTickCatchUp);
            while (owed > 0)
            {
                var count = (int)Math.Min(owed, OrleansPipelineSettings.BatchSize);
                await side.ProduceSliceAsync(count);
                sent += count;
                owed -= count;
            }

            await timer.WaitForNextTickAsync();
        }

        elapsed = Stopwatch.GetElapsedTime(started);
        var applied = side.Applied - appliedAtStart;
        await stop.CancelAsync();
        await sampler;
        samples.Add(Sample(elapsed.TotalSeconds, side, await LogSizeAsync(log), directory));
        progress.WriteLine($"{samples[^1]}  (end of load)");
        return new PacedRun(samples, elapsed, side.Produced - producedAtStart, applied, mostBehind);
    }

    private static async Task SampleAsync(SoakSide side, SqliteStreamLog log, string directory, long started, TimeSpan interval,
        List<SoakSample> samples, TextWriter progress, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var sample = Sample(Stopwatch.GetElapsedTime(started).TotalSeconds, side, await LogSizeAsync(log), directory);
                samples.Add(sample);
                progress.WriteLine(sample);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<(long Records, long Deleted)> LogSizeAsync(SqliteStreamLog log)
    {
        var offsets = await log.GetOffsetsAsync(CounterEvent.Topic);
        return (offsets.Sum(o => o.EndOffset - o.StartOffset), offsets.Sum(o => o.StartOffset));
    }

    private static SoakSample Sample(double seconds, SoakSide side, (long Records, long Deleted) logSize, string directory)
    {
        using var process = Process.GetCurrentProcess();
        long logBytes = 0, walBytes = 0, stateBytes = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            if (file.Name == SqliteStreamLogOptions.DefaultFileName)
            {
                logBytes += file.Length;
            }
            else if (file.Name.StartsWith(SqliteStreamLogOptions.DefaultFileName, StringComparison.Ordinal))
            {
                walBytes += file.Length;
            }
            else
            {
                stateBytes += file.Length;
            }
        }

        // What survived the latest gen2 collection (background or blocking): the live managed set, without garbage.
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var lastFull = background.Index >= blocking.Index ? background : blocking;
        const double MiB = 1 << 20;
        return new SoakSample(Math.Round(seconds, 1), Math.Round(process.WorkingSet64 / MiB, 1), Math.Round(GC.GetGCMemoryInfo().HeapSizeBytes / MiB, 1),
            Math.Round(lastFull.PromotedBytes / MiB, 1), Math.Round(GC.GetGCMemoryInfo().TotalCommittedBytes / MiB, 1), GC.CollectionCount(2), Math.Round(logBytes / MiB, 1), Math.Round(walBytes / MiB, 1), Math.Round(stateBytes / MiB, 1), side.Produced, side.Applied,
            logSize.Records, logSize.Deleted, BenchmarkOutput.LoadAverage());
    }

    // Every grain's count against what the producer sent for its key.
    private static async Task<(long Counted, long Lost, long Duplicated, int KeysWrong)> CompareTotalsAsync(Orleans.IGrainFactory grains, SoakSide side)
    {
        long counted = 0, lost = 0, duplicated = 0;
        var keysWrong = 0;
        foreach (var chunk in Enumerable.Range(0, OrleansPipelineSettings.Keys).Chunk(500))
        {
            var snapshots = await Task.WhenAll(chunk.Select(i => grains.GetGrain<ICounterGrain>($"counter-{i}").GetAsync()));
            for (var j = 0; j < chunk.Length; j++)
            {
                var difference = snapshots[j].Count - side.SentFor(chunk[j]);
                counted += snapshots[j].Count;
                lost += Math.Max(0, -difference);
                duplicated += Math.Max(0, difference);
                keysWrong += difference != 0 ? 1 : 0;
            }
        }

        return (counted, lost, duplicated, keysWrong);
    }

    private static void Report(JsonObject result, SoakSettings settings, double target, PacedRun run, SoakSample final,
        (long Counted, long Lost, long Duplicated, int KeysWrong) totals, TextWriter progress)
    {
        var samples = run.Samples;

        // The steady window starts once the log has filled up to its retention (age + one retention interval, and at
        // least a minute or a fifth of the run for grain activations, caches and the GC to settle).
        var warmUp = Math.Max(Math.Min(60, settings.Duration.TotalSeconds / 5), (settings.RetentionAge + (2 * settings.RetentionInterval)).TotalSeconds);
        var steady = samples.Where(s => s.Seconds >= warmUp).ToList();
        var rss = SoakTrend.Of(steady, s => s.RssMb);
        var disk = SoakTrend.Of(steady, s => s.DatabasesMb);
        var diskTotal = SoakTrend.Of(steady, s => s.DiskMb);
        var wal = SoakTrend.Of(steady, s => s.LogWalMb);
        var heap = SoakTrend.Of(steady, s => s.GcHeapMb);
        var live = SoakTrend.Of(steady, s => s.Gen2LiveMb);
        var lag = SoakTrend.Of(steady, s => s.Lag);
        var logRecords = SoakTrend.Of(steady, s => s.LogRecords);
        var achieved = run.Produced / run.Elapsed.TotalSeconds;
        var appliedRate = run.Applied / run.Elapsed.TotalSeconds;
        var lagAllowance = Math.Max(SoakSettings.MaxLagGrowth * lag.FirstHalfMedian, SoakSettings.LagAllowanceSeconds * target);
        var deletedDuringSoak = final.LogRecordsDeleted - samples[0].LogRecordsDeleted;
        var retainedFraction = (double)final.LogRecords / Math.Max(1, run.Produced);

        var rssBounded = rss.Growth <= SoakSettings.MaxGrowth;
        var diskBounded = disk.Growth <= SoakSettings.MaxGrowth && wal.LastHalfMax <= SoakSettings.MaxWalMb;
        var lagBounded = lag.LastHalfMedian <= lagAllowance;
        var retentionDeleting = deletedDuringSoak > 0 && logRecords.Growth <= SoakSettings.MaxGrowth;
        var rateHeld = achieved >= SoakSettings.MinRateHeld * target && appliedRate >= SoakSettings.MinRateHeld * target;

        result["soak_achieved_events_per_sec"] = Math.Round(achieved);
        result["soak_applied_events_per_sec"] = Math.Round(appliedRate);
        result["soak_rate_held"] = rateHeld;
        result["soak_producer_most_behind_events"] = run.MostBehind;
        result["soak_warm_up_seconds"] = warmUp;
        result["soak_curve_t_seconds"] = Curve(samples, s => s.Seconds);
        result["soak_rss_mb_curve"] = Curve(samples, s => s.RssMb);
        result["soak_gc_heap_mb_curve"] = Curve(samples, s => s.GcHeapMb);
        result["soak_gc_committed_mb_curve"] = Curve(samples, s => s.GcCommittedMb);
        result["soak_gen2_live_mb_curve"] = Curve(samples, s => s.Gen2LiveMb);
        result["soak_gen2_collections_curve"] = Curve(samples, s => s.Gen2Collections);
        result["soak_disk_mb_curve"] = Curve(samples, s => Math.Round(s.DiskMb, 1));
        result["soak_log_disk_mb_curve"] = Curve(samples, s => s.LogDiskMb);
        result["soak_log_wal_mb_curve"] = Curve(samples, s => s.LogWalMb);
        result["soak_state_disk_mb_curve"] = Curve(samples, s => s.StateDiskMb);
        result["soak_produced_curve"] = Curve(samples, s => s.Produced);
        result["soak_applied_curve"] = Curve(samples, s => s.Applied);
        result["soak_lag_curve"] = Curve(samples, s => s.Lag);
        result["soak_log_records_curve"] = Curve(samples, s => s.LogRecords);
        result["soak_log_deleted_curve"] = Curve(samples, s => s.LogRecordsDeleted);
        result["soak_load_average_curve"] = Curve(samples, s => s.LoadAverage ?? double.NaN);
        result["soak_rss"] = Trend(rss);
        result["soak_disk"] = Trend(disk);
        result["soak_disk_with_wal"] = Trend(diskTotal);
        result["soak_log_wal"] = Trend(wal);
        result["soak_gc_heap"] = Trend(heap);
        result["soak_gen2_live"] = Trend(live);
        result["soak_lag"] = Trend(lag);
        result["soak_log_records"] = Trend(logRecords);
        result["soak_rss_growth"] = Math.Round(rss.Growth, 3);
        result["soak_disk_growth"] = Math.Round(disk.Growth, 3);
        result["soak_lag_max_events"] = samples.Max(s => s.Lag);
        result["soak_thresholds"] = new JsonObject
        {
            ["rss_and_disk_growth_max"] = SoakSettings.MaxGrowth,
            ["disk"] = $"the databases (log + grain state, without the log's WAL) grew at most {SoakSettings.MaxGrowth}x and the log's WAL stayed at most {SoakSettings.MaxWalMb} MiB " +
                "(SQLite keeps a WAL file's high-water mark, down to journal_size_limit 64 MiB, so it steps rather than grows)",
            ["growth"] = "median of the last half of the steady window over the median of its first half (the steady window starts at soak_warm_up_seconds)",
            ["lag"] = $"the last half's median lag at most {SoakSettings.MaxLagGrowth}x the first half's median, or {SoakSettings.LagAllowanceSeconds} s of the target rate when that is more",
            ["retention"] = $"retention deleted records during the load and the log's record count grew at most {SoakSettings.MaxGrowth}x (same halves)",
            ["rate_held"] = $"produced and applied rates at least {SoakSettings.MinRateHeld} x the target",
        };
        result["soak_rss_bounded"] = rssBounded;
        result["soak_disk_bounded"] = diskBounded;
        result["soak_lag_bounded"] = lagBounded;
        result["soak_retention_deleting"] = retentionDeleting;
        result["soak_bounded"] = rssBounded && diskBounded && lagBounded && retentionDeleting;
        result["soak_log_records_written"] = final.Produced;
        result["soak_log_records_deleted_during_load"] = deletedDuringSoak;
        result["soak_log_records_at_end"] = final.LogRecords;
        result["soak_log_retained_fraction_of_load"] = Math.Round(retainedFraction, 4);
        result["soak_events_produced"] = final.Produced;
        result["soak_events_applied"] = final.Applied;
        result["soak_grain_counts_total"] = totals.Counted;
        result["soak_lost"] = totals.Lost;
        result["soak_duplicated"] = totals.Duplicated;
        result["soak_keys_wrong"] = totals.KeysWrong;
        result["soak_exact_totals_note"] = "after the load the pipeline is drained, then each of the 10,000 CounterGrains' counts is compared with the events the producer sent for its key " +
            "(the whole run: activation, max-rate rounds and soak); lost and duplicated sum the per-key shortfalls and excesses";
        var loads = samples.Where(s => s.LoadAverage is not null).Select(s => s.LoadAverage!.Value).ToList();
        result["soak_load_average_1m_mean"] = loads.Count > 0 ? Math.Round(loads.Average(), 2) : null;
        result["soak_load_average_1m_max"] = loads.Count > 0 ? loads.Max() : null;
        result["soak_ok"] = rssBounded && diskBounded && lagBounded && retentionDeleting && rateHeld && totals.Lost == 0 && totals.Duplicated == 0;

        progress.WriteLine(
            $"soak: max {result["soak_max_events_per_sec"]} events/s, target {target:N0}, achieved {achieved:N0} (applied {appliedRate:N0}); " +
            $"rss {rss.FirstHalfMedian:N0} -> {rss.LastHalfMedian:N0} MiB (x{rss.Growth:N2}, {rss.SlopePerMinute:+0.0;-0.0} MiB/min), live heap {live.FirstHalfMedian:N0} -> {live.LastHalfMedian:N0} MiB; " +
            $"disk {disk.FirstHalfMedian:N0} -> {disk.LastHalfMedian:N0} MiB (x{disk.Growth:N2}) + wal max {wal.LastHalfMax:N0} MiB; lag median {lag.FirstHalfMedian:N0} -> {lag.LastHalfMedian:N0} (max {lag.LastHalfMax:N0}); " +
            $"log holds {final.LogRecords:N0} of {final.Produced:N0} written; lost {totals.Lost}, duplicated {totals.Duplicated}; bounded {result["soak_bounded"]}, ok {result["soak_ok"]}");
    }

    private static JsonObject Trend(SoakTrend trend) => new()
    {
        ["first_half_median"] = Math.Round(trend.FirstHalfMedian, 1),
        ["last_half_median"] = Math.Round(trend.LastHalfMedian, 1),
        ["first_half_mean"] = Math.Round(trend.FirstHalfMean, 1),
        ["last_half_mean"] = Math.Round(trend.LastHalfMean, 1),
        ["first_half_max"] = Math.Round(trend.FirstHalfMax, 1),
        ["last_half_max"] = Math.Round(trend.LastHalfMax, 1),
        ["growth"] = Math.Round(trend.Growth, 3),
        ["slope_per_minute"] = Math.Round(trend.SlopePerMinute, 2),
    };

    private static JsonArray Curve(List<SoakSample> samples, Func<SoakSample, double> value) =>
        new([.. samples.Select(s => double.IsNaN(value(s)) ? null : (JsonNode)value(s))]);
}
