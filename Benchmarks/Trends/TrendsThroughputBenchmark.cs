using System.Diagnostics;
using System.Text.Json;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Benchmarks.Trends;

/// <summary>
/// Single-thread Stopwatch throughput of the trends model layer per post: the online sentiment classifier (learn =
/// predict + update; predict alone) and the trend update (one <see cref="TopicTrendTracker"/> per hashtag plus the
/// global <see cref="TrendingTopicRanking"/>). A whitespace split stands in for the tokenizer and is timed apart.
/// Posts come from <see cref="PostGenerator"/> and are materialised before timing; each stage runs 3 times and the
/// best run counts. Also reports the planted-burst detection quality (<see cref="PlantedBurstEvaluation"/>).
/// Not wired into Program.cs: call <see cref="RunAsync"/> from a driver.
/// </summary>
public static class TrendsThroughputBenchmark
{
    /// <summary>Runs the measurement, writes a summary to <paramref name="log"/> and, if given, JSON to <paramref name="jsonPath"/>.</summary>
    /// <param name="log">Where the one-line summary goes.</param>
    /// <param name="jsonPath">Optional path of a JSON result file.</param>
    /// <param name="classifierOptions">Classifier settings (default: the classifier's defaults, 2^18 buckets).</param>
    /// <param name="cancellationToken">Cancels between stages.</param>
    public static async Task<TrendsThroughputResult> RunAsync(
        TextWriter log,
        string? jsonPath = null,
        OnlineSentimentClassifierOptions? classifierOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var generator = new PostGenerator(new PostGeneratorOptions
        {
            Seed = 2026,
            Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(8),
            BackgroundPostsPerSecond = 5,
            BurstCount = 30,
        });
        var posts = generator.Generate().ToArray();
        var tokens = new string[posts.Length][];
        var tokenize = Best(() =>
        {
            for (var i = 0; i < posts.Length; i++)
            {
                tokens[i] = posts[i].Text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        });
        cancellationToken.ThrowIfCancellationRequested();

        OnlineSentimentClassifier? model = null;
        var learn = Best(() =>
        {
            model = new OnlineSentimentClassifier(classifierOptions);
            for (var i = 0; i < posts.Length; i++)
            {
                model.Learn(tokens[i], posts[i].Label);
            }
        });
        double checksum = 0;
        var predict = Best(() =>
        {
            for (var i = 0; i < posts.Length; i++)
            {
                checksum += model!.Predict(tokens[i]).Positive;
            }
        });
        cancellationToken.ThrowIfCancellationRequested();

        long tagUpdates = 0;
        var detect = Best(() =>
        {
            var trackers = new Dictionary<string, TopicTrendTracker>(StringComparer.Ordinal);
            var ranking = new TrendingTopicRanking();
            tagUpdates = 0;
            foreach (var post in posts)
            {
                foreach (var tag in post.Hashtags)
                {
                    if (!trackers.TryGetValue(tag, out var tracker))
                    {
                        trackers[tag] = tracker = new TopicTrendTracker();
                    }

                    tracker.Record(post.Timestamp);
                    ranking.Record(tag, post.Timestamp);
                    tagUpdates++;
                }
            }
        });

        // Detection quality on the planted-burst streams of the tests (12 h, 40 bursts, default detector).
        var evaluation = PlantedBurstEvaluation.Run(
            new PostGenerator(new PostGeneratorOptions
            {
                Seed = 7,
                Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
                Duration = TimeSpan.FromHours(12),
                BurstCount = 40,
                MinBurstPostsPerMinute = 10,
            }),
            new TopicTrendTrackerOptions());

        var n = posts.Length;
        var result = new TrendsThroughputResult(
            Posts: n,
            HashtagsPerPost: (double)tagUpdates / n,
            WhitespaceTokenizeNsPerPost: Ns(tokenize, n),
            ClassifierLearnNsPerPost: Ns(learn, n),
            ClassifierPredictNsPerPost: Ns(predict, n),
            TrendUpdateNsPerPost: Ns(detect, n),
            PrequentialAccuracy: model!.Metrics.Accuracy,
            PrequentialMacroF1: model.Metrics.MacroF1,
            BurstTruePositiveRate: evaluation.TruePositiveRate,
            BurstFalsePositiveRate: evaluation.FalsePositiveRate,
            BurstDelayP50Seconds: evaluation.DelayPercentile(0.5).TotalSeconds);
        await log.WriteLineAsync(
            $"trends model layer, {n} posts, 2^{model.Options.HashBits} buckets, one thread, ns/post as wall/cpu: tokenize(whitespace) {result.WhitespaceTokenizeNsPerPost}, " +
            $"learn {result.ClassifierLearnNsPerPost}, predict {result.ClassifierPredictNsPerPost}, " +
            $"trend update {result.TrendUpdateNsPerPost} ({result.HashtagsPerPost:F2} tags/post); " +
            $"prequential accuracy {result.PrequentialAccuracy:F3} (checksum {checksum:F1}); planted bursts: {evaluation}").ConfigureAwait(false);
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    // Best of 3 runs, by wall time and by process CPU time. On a shared, overloaded machine wall time includes time
    // spent waiting for a core; CPU time doesn't, so it is the better per-core figure there (it does include the
    // runtime's own background threads, e.g. JIT tiering, which are negligible after the first run).
    private static (TimeSpan Wall, TimeSpan Cpu) Best(Action run)
    {
        var wall = TimeSpan.MaxValue;
        var cpu = TimeSpan.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 3; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            run();
            sw.Stop();
            process.Refresh();
            var cpuUsed = process.TotalProcessorTime - cpuBefore;
            wall = sw.Elapsed < wall ? sw.Elapsed : wall;
            cpu = cpuUsed < cpu ? cpuUsed : cpu;
        }

        return (wall, cpu);
    }

    private static PerPostCost Ns((TimeSpan Wall, TimeSpan Cpu) elapsed, int posts) =>
        new(elapsed.Wall.TotalMilliseconds * 1e6 / posts, elapsed.Cpu.TotalMilliseconds * 1e6 / posts);
}
