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

        var search = SearchAlphaAndRegularization(log, cancellationToken);
        var best = search[0];
        var quality = EvaluateOnFreshData(best, log, cancellationToken);
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
            NdcgRatioVersusPopularity = quality.NdcgRatio,
            ModelNdcg = quality.Model.Ndcg,
            PopularityNdcg = quality.Popularity.Ndcg,
            ChosenAlpha = best.Alpha,
            ChosenRegularization = best.Regularization,
            AlphaSearch = [.. search.Select(t => new[] { t.Alpha, t.Regularization, Math.Round(t.Metrics.Ndcg, 4) })],
        };

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        await File.WriteAllTextAsync(outputPath, JsonSerializer.Serialize(result, JsonOptions), cancellationToken);
        await log.WriteLineAsync(
            $"recommendations: {result.AlsNonZeroIterationsPerCoreSecond:N0} nnz*iter/s/core, fold-in p99 {foldIn.P99:F3} ms, " +
            $"recommend p99 {recommend.P99:F3} ms, NDCG@10 ratio {quality.NdcgRatio:F2} (alpha {best.Alpha}, lambda {best.Regularization}) -> {outputPath}");
        return result;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    // Alpha and lambda chosen on one planted data set...
    private static IReadOnlyList<AlsSearchTrial> SearchAlphaAndRegularization(TextWriter log, CancellationToken cancellationToken)
    {
        var data = PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 6_000, Items = 2_000, Seed = 7 });
        var split = HoldoutSplit.LastPerUser(data.Interactions, 3);
        var trials = AlsHyperparameterSearch.Run(
            split, new ImplicitAlsOptions { Rank = Rank }, [1f, 3f, 10f, 30f], [30f, 100f, 300f], cancellationToken: cancellationToken);
        foreach (var trial in trials)
        {
            log.WriteLine($"  alpha {trial.Alpha,4} lambda {trial.Regularization,4}: NDCG@10 {trial.Metrics.Ndcg:F4}");
        }

        return trials;
    }

    // ...and the ratio reported on another, so the choice is not scored on the data it was tuned on.
    private static ModelEvaluation EvaluateOnFreshData(AlsSearchTrial best, TextWriter log, CancellationToken cancellationToken)
    {
        var data = PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 6_000, Items = 2_000, Seed = 8 });
        var split = HoldoutSplit.LastPerUser(data.Interactions, 3);
        var options = new ImplicitAlsOptions { Rank = Rank, Alpha = best.Alpha, Regularization = best.Regularization };
        var evaluation = RecommenderEvaluator.EvaluateAgainstPopularity(split, options, TimeSpan.FromDays(7), cancellationToken: cancellationToken);
        log.WriteLine($"  model {evaluation.Model}");
        log.WriteLine($"  popularity {evaluation.Popularity}");
        return evaluation;
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
