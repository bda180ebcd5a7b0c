using System.Diagnostics;
using System.Text.Json;
using StreamOrleans.Grains.Trends.Sentiment;
using StreamOrleans.Grains.Trends.Text;

namespace StreamOrleans.Benchmarks.Trends;

/// <summary>
/// Measures posts per second on one thread for the text stage of TopicTrendGrain: <see cref="SocialTokenizer"/>
/// into a reused <see cref="TokenList"/>, <see cref="VaderSentimentAnalyzer"/>, and both together, with a
/// Stopwatch loop over a fixed set of posts (a warm-up, then ten trials sharing <c>duration</c> per stage), counted
/// per CPU-second of the process (the other processes of a shared machine do not inflate it) and per wall-clock second.
/// Not wired into Program.cs yet; call <see cref="RunAsync"/> from the trends benchmark driver.
/// </summary>
internal static class TextScoringThroughput
{
    private const int Trials = 10;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<TextScoringResult> RunAsync(
        string lexiconPath, IReadOnlyList<string> posts, TimeSpan duration, string? jsonOutputPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lexiconPath);
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentOutOfRangeException.ThrowIfZero(posts.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        var analyzer = new VaderSentimentAnalyzer(VaderLexicon.Load(lexiconPath));
        var tokens = new TokenList();
        var texts = posts.ToArray();
        var sink = 0.0;

        var (tokenizeCpu, _) = Measure(texts, duration, text =>
        {
            SocialTokenizer.Tokenize(text, tokens);
            sink += tokens.Count;
        });
        var (scoreCpu, _) = Measure(texts, duration, text => sink += analyzer.Analyze(text).Compound);
        var (bothCpu, bothWall) = Measure(texts, duration, text =>
        {
            SocialTokenizer.Tokenize(text, tokens);
            sink += tokens.Count + analyzer.Analyze(text).Compound;
        });
        GC.KeepAlive(sink);

        var result = new TextScoringResult(
            texts.Length, texts.Average(t => t.Length), tokenizeCpu, scoreCpu, bothCpu, 1e9 / bothCpu, bothWall);
        if (jsonOutputPath is not null)
        {
            await File.WriteAllTextAsync(jsonOutputPath, JsonSerializer.Serialize(result, Json), cancellationToken);
        }

        return result;
    }

    /// <summary>Posts per CPU-second of this process over all trials, and posts per wall-clock second of the best trial.</summary>
    private static (double PerCpuSecond, double PerWallSecond) Measure(string[] texts, TimeSpan duration, Action<string> work)
    {
        // Warm-up: long enough for tiered JIT to reach optimised code and for buffers to reach their size.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < duration / 2)
        {
            foreach (var text in texts)
            {
                work(text);
            }
        }

        // Best of several short trials: on a shared machine the fastest trial is the one least disturbed by others.
        var best = 0.0;
        long total = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var trial = 0; trial < Trials; trial++)
        {
            var stopwatch = Stopwatch.StartNew();
            long done = 0;
            while (stopwatch.Elapsed < duration / Trials)
            {
                foreach (var text in texts)
                {
                    work(text);
                }

                done += texts.Length;
            }

            best = Math.Max(best, done / stopwatch.Elapsed.TotalSeconds);
            total += done;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return (total / cpu.TotalSeconds, best);
    }
}
