using System.Diagnostics;
using System.Text.Json;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Benchmarks.Recommendations;

/// <summary>
/// Short Stopwatch measurements of the recommendation model layer for issue 3's benchmark file (not BenchmarkDotNet:
/// the training run alone is seconds long). Not wired into Program.cs yet; call <see cref="RunAsync"/>.
/// </summary>
public static class RecommendationBenchmarks
{
    private const int Rank = 64;

    /// <summary>Runs every measurement, logs a summary and writes the JSON result to <paramref name="outputPath"/>.</summary>
    public static async Task<RecommendationBenchmarkResult> RunAsync(string outputPath, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        ArgumentNullException.ThrowIfNull(log);

        var historic = HistoricLog(log, cancellationToken);
        var demo = DemoStream(log, cancellationToken);
        var (throughput, model) = MeasureTraining(log, cancellationToken);
        var foldIn = MeasureFoldIn(model, log);
        var recommend = MeasureRecommend(model, log);

        var result = new RecommendationBenchmarkResult
        {
            AlsNonZeroIterationsPerCoreSecond = throughput.Rate,
            AlsNonZeros = throughput.NonZeros,
            AlsInteractions = throughput.Interactions,
            AlsThreads = 1,
            AlsNonZeroIterationsPerSecondWallClock = throughput.WallRate,
            LoadAverage = BenchmarkOutput.LoadAverage() ?? double.NaN,
            AlsSecondsPerIteration = throughput.SecondsPerIteration,
            FoldInP99Milliseconds = foldIn.P99,
            FoldInP50Milliseconds = foldIn.P50,
            FoldInCpuP99Milliseconds = foldIn.CpuP99,
            RecommendP99Milliseconds = recommend.P99,
            RecommendP50Milliseconds = recommend.P50,
            RecommendCpuP99Milliseconds = recommend.CpuP99,
            NdcgRatioVersusPopularity = Math.Min(historic.Ratio, demo.Ratio),
            HistoricRatio = historic.Ratio,
            DemoRatio = demo.Ratio,
            HistoricPopularityNdcg = historic.PlainPopularityNdcg,
            HistoricLog = historic,
            DemoStream = demo,
        };

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        await File.WriteAllTextAsync(outputPath, JsonSerializer.Serialize(result, JsonOptions), cancellationToken);
        await log.WriteLineAsync(
            $"recommendations: {result.AlsNonZeroIterationsPerCoreSecond:N0} nnz*iter/s/core, fold-in p99 {foldIn.P99:F3} ms, " +
            $"recommend p99 {recommend.P99:F3} ms, NDCG@10 vs plain popularity: historic log {historic.Ratio:F2}, demo stream {demo.Ratio:F2} -> {outputPath}");
        return result;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static readonly DateTimeOffset Historic = new(2009, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // A planted rating log dated years in the past, shaped like MovieLens 100K (943 users, 1,682 movies, 106 ratings a
    // user, about half of them >= 4, which the importer turns into purchases; the rest are clicks; genres as taste
    // clusters): the search chooses rank, alpha and lambda on one draw, the report scores them on another draw of the
    // same shape, so the choice is not graded on the data it was tuned on. Popularity decays in event time (half-life
    // 1 day over a 3-year log).
    private static RecommendationQuality HistoricLog(TextWriter log, CancellationToken cancellationToken)
    {
        var shape = new PlantedDataOptions
        {
            Users = 943, Items = 1_682, MeanInteractionsPerUser = 106, Clusters = 18, MaxClustersPerUser = 3,
            PurchaseShare = 0.5, ClickShare = 0.5, Start = Historic, Span = TimeSpan.FromDays(3 * 365),
        };
        var tuning = HoldoutSplit.LastPerUser(PlantedDataGenerator.Generate(shape with { Seed = 7 }).Interactions, 3);
        var scored = PlantedDataGenerator.Generate(shape with { Seed = 8 }).Interactions;
        return Quality("planted log shaped like MovieLens 100K, 943 users x 1,682 products over 2009-2012", tuning, scored, log, cancellationToken);
    }

    // The demo stream: the AppHost generator's shoppers at its 200 events/s; tuned on the first half of the stream (what
    // the grain has seen when its search runs), scored on the whole stream.
    private static RecommendationQuality DemoStream(TextWriter log, CancellationToken cancellationToken)
    {
        var stream = DemoShoppers.Stream(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), 200, seed: 1);
        var tuning = HoldoutSplit.LastPerUser(stream.Take(stream.Length / 2), 3);
        return Quality("demo stream (AppHost generator), 2,000 users x 500 products at 200 events/s", tuning, stream, log, cancellationToken);
    }

    private static RecommendationQuality Quality(string data, HoldoutSplit tuning, IReadOnlyList<Interaction> scored, TextWriter log, CancellationToken cancellationToken)
    {
        var defaults = new ImplicitAlsOptions { Rank = Rank };
        var trials = AlsHyperparameterSearch.Coordinate(tuning, defaults, new AlsSearchSpace { MaxTrials = 16, Budget = TimeSpan.FromMinutes(10) }, cancellationToken: cancellationToken);
        var best = AlsHyperparameterSearch.Best(trials);
        var split = HoldoutSplit.LastPerUser(scored, 3);
        var chosen = defaults with { Rank = best.Rank, Alpha = best.Alpha, Regularization = best.Regularization };
        var evaluation = RecommenderEvaluator.EvaluateAgainstPopularity(split, chosen, TimeSpan.FromDays(1), cancellationToken: cancellationToken);
        var train = InteractionMatrix.FromInteractions(split.Train);
        var baseline = RecommenderEvaluator.EvaluateModel(split, new ImplicitAlsTrainer(defaults).Train(train, cancellationToken: cancellationToken), train);
        foreach (var t in trials)
        {
            log.WriteLine($"  {data[..data.IndexOf(',', StringComparison.Ordinal)]}: rank {t.Rank,3} alpha {t.Alpha,5} lambda {t.Regularization,5}: NDCG@10 {t.Metrics.Ndcg:F4} ({t.TrainingMs:F0} ms)");
        }

        log.WriteLine($"  model {evaluation.Model.Ndcg:F4} (defaults {baseline.Ndcg:F4}), plain popularity {evaluation.PlainPopularity.Ndcg:F4}, decayed {evaluation.Popularity.Ndcg:F4}: ratio {evaluation.NdcgRatioVersusPlainPopularity:F2}");
        return new RecommendationQuality
        {
            Data = data,
            Events = scored.Count,
            TimeSpan = $"{scored.Min(i => i.Timestamp):O} .. {scored.Max(i => i.Timestamp):O}",
            Users = evaluation.Model.Users,
            ModelNdcg = Math.Round(evaluation.Model.Ndcg, 4),
            PlainPopularityNdcg = Math.Round(evaluation.PlainPopularity.Ndcg, 4),
            DecayedPopularityNdcg = Math.Round(evaluation.Popularity.Ndcg, 4),
            Ratio = Math.Round(evaluation.NdcgRatioVersusPlainPopularity, 3),
            DefaultsNdcg = Math.Round(baseline.Ndcg, 4),
            Chosen = [best.Rank, best.Alpha, best.Regularization],
            Search = [.. trials.Select(t => new[] { t.Rank, t.Alpha, t.Regularization, Math.Round(t.Metrics.Ndcg, 4) })],
        };
    }

    private static ((double Rate, double WallRate, int NonZeros, int Interactions, double SecondsPerIteration) Throughput, ImplicitAlsModel Model) MeasureTraining(
        TextWriter log, CancellationToken cancellationToken)
    {
        var data = PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 110_000, Items = 50_000, Seed = 9 });
        var matrix = InteractionMatrix.FromInteractions(data.Interactions);
        var iterations = 3;
        var options = new ImplicitAlsOptions { Rank = Rank, Iterations = iterations, MaxDegreeOfParallelism = 1 };

        // One thread, timed by wall clock and by the process's CPU time: on a shared machine the CPU time is what one
        // core actually spent, so nnz*iter per CPU-second is the per-core rate whatever else the machine is doing.
        using var process = Process.GetCurrentProcess();
        var marks = new List<(TimeSpan Cpu, double Wall)> { (process.TotalProcessorTime, 0d) };
        var model = new ImplicitAlsTrainer(options).Train(
            matrix,
            new SynchronousProgress(p =>
            {
                process.Refresh();
                marks.Add((process.TotalProcessorTime, p.Elapsed.TotalSeconds));
            }),
            cancellationToken);

        // The first iteration pays for JIT and page faults; report the steady state.
        var steadyWall = marks.Skip(2).Average(m => m.Wall);
        var steadyCpu = (marks[^1].Cpu - marks[1].Cpu).TotalSeconds / (marks.Count - 2);
        var rate = matrix.NonZeroCount / steadyCpu;
        var wallRate = matrix.NonZeroCount / steadyWall;
        log.WriteLine($"  ALS: {data.Interactions.Count:N0} events, {matrix.NonZeroCount:N0} nnz, {matrix.Users.Count:N0} x {matrix.Items.Count:N0}, " +
                      $"1 thread: {steadyCpu:F2} CPU s ({steadyWall:F2} wall s) per iteration = {rate:N0} nnz*iter/s/core ({wallRate:N0} by wall clock)");
        return ((rate, wallRate, matrix.NonZeroCount, data.Interactions.Count, steadyWall), model);
    }

    private static LatencyPercentiles MeasureFoldIn(ImplicitAlsModel model, TextWriter log)
    {
        var foldIn = new UserFoldIn(model);
        var random = new Random(1);
        var items = Enumerable.Range(0, model.Items.Count).OrderBy(_ => random.Next()).Take(200).ToArray();
        var confidences = items.Select(_ => 1f + (10f * random.Next(1, 6))).ToArray();
        var vector = new float[model.Rank];
        var timings = Measure(2_000, () => foldIn.Solve(items, confidences, vector));
        log.WriteLine($"  fold-in (rank {model.Rank}, 200 items): p50 {timings.P50:F3} ms, p99 {timings.P99:F3} ms (thread CPU p99 {timings.CpuP99:F3} ms)");
        return timings;
    }

    private static LatencyPercentiles MeasureRecommend(ImplicitAlsModel model, TextWriter log)
    {
        var topN = new TopNRecommender(model);
        var foldIn = new UserFoldIn(model);
        var random = new Random(2);
        var items = Enumerable.Range(0, model.Items.Count).OrderBy(_ => random.Next()).Take(50).ToArray();
        var confidences = items.Select(_ => 11f).ToArray();
        var purchased = items.Take(10).ToHashSet();
        var vector = foldIn.Solve(items, confidences);
        var timings = Measure(1_000, () => topN.Recommend(vector, 10, items, confidences, purchased.Contains));
        log.WriteLine($"  recommend top-10 over {model.Items.Count:N0} items: p50 {timings.P50:F3} ms, p99 {timings.P99:F3} ms (thread CPU p99 {timings.CpuP99:F3} ms)");
        return timings;
    }

    private static LatencyPercentiles Measure(int runs, Action action)
    {
        // Warm up long enough for tiered JIT to reach optimised code, and start from a clean heap.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 50 || warmUp.ElapsedMilliseconds < 1_000; i++)
        {
            action();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var wall = new double[runs];
        var cpu = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var cpuStarted = ThreadCpuClock.NowMilliseconds();
            var started = Stopwatch.GetTimestamp();
            action();
            wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            cpu[i] = ThreadCpuClock.NowMilliseconds() - cpuStarted;
        }

        return new LatencyPercentiles(Stats.Percentile(wall, wall.Length, 50), Stats.Percentile(wall, wall.Length, 99), Stats.Percentile(cpu, cpu.Length, 99));
    }

    private sealed class SynchronousProgress(Action<AlsIterationProgress> report) : IProgress<AlsIterationProgress>
    {
        public void Report(AlsIterationProgress value) => report(value);
    }
}
