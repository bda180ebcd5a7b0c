using System.Diagnostics;
using System.Text.Json.Nodes;
using StreamOrleans.Benchmarks.Recommendations;
using StreamOrleans.Benchmarks.Support;
using StreamOrleans.Grains.Trends;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Detection;
using StreamOrleans.Grains.Trends.Sentiment;
using StreamOrleans.Grains.Trends.Text;

namespace StreamOrleans.Benchmarks.Trends;

/// <summary>
/// posts_per_sec_per_core for what the trends grains do per post, on one thread: <see cref="SocialTokenizer"/>, topic
/// extraction, VADER scoring, feature extraction + test-then-train of the online classifier (FTRL, 2^18 buckets, uni-
/// and bigrams), and the trend update (a <see cref="TopicTrendTracker"/> per topic plus the global
/// <see cref="TrendingTopicRanking"/>). Posts are generated (<see cref="PostGenerator"/>, 8 h, all labelled) and held
/// in memory before timing; each round starts from fresh models; medians over rounds of wall time and of this
/// thread's CPU time. Baseline in the same run: the tokenizer alone. Each stage is also timed alone so the report says
/// where the time goes. Burst quality: <see cref="PlantedBurstEvaluation"/> on the tests' 12 h, 40-burst streams.
/// </summary>
internal static class TrendsPipelineBenchmark
{
    public static JsonObject Run(string lexiconPath, int rounds, TextWriter log)
    {
        var analyzer = new VaderSentimentAnalyzer(VaderLexicon.Load(lexiconPath));
        var posts = new PostGenerator(new PostGeneratorOptions
        {
            Seed = 2026,
            Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(8),
            BackgroundPostsPerSecond = 5,
            BurstCount = 30,
        }).Generate().ToArray();
        var topics = new TopicExtractor(new TrendsOptions());
        var tokens = new TokenList();
        var postTopics = new List<string>();
        var sink = 0.0;

        var full = Rounds(rounds, () =>
        {
            var model = new OnlineSentimentClassifier();
            var trackers = new Dictionary<string, TopicTrendTracker>(StringComparer.Ordinal);
            var ranking = new TrendingTopicRanking();
            foreach (var post in posts)
            {
                SocialTokenizer.Tokenize(post.Text, tokens);
                postTopics.Clear();
                topics.Extract(tokens, postTopics);
                var lexicon = analyzer.Analyze(post.Text).Compound;
                var learned = model.Learn(SentimentScorer.Features(tokens), post.Label).Polarity;
                sink += lexicon + learned;
                foreach (var topic in postTopics)
                {
                    if (!trackers.TryGetValue(topic, out var tracker))
                    {
                        trackers[topic] = tracker = new TopicTrendTracker();
                    }

                    tracker.Record(post.Timestamp);
                    ranking.Record(topic, post.Timestamp);
                }
            }
        });
        var tokenize = Rounds(rounds, () =>
        {
            foreach (var post in posts)
            {
                SocialTokenizer.Tokenize(post.Text, tokens);
                sink += tokens.Count;
            }
        });
        var features = posts.Select(p => SentimentScorer.Features(SocialTokenizer.Tokenize(p.Text))).ToArray();
        var vader = Rounds(rounds, () =>
        {
            foreach (var post in posts)
            {
                sink += analyzer.Analyze(post.Text).Compound;
            }
        });
        var learn = Rounds(rounds, () =>
        {
            var model = new OnlineSentimentClassifier();
            for (var i = 0; i < posts.Length; i++)
            {
                sink += model.Learn(features[i], posts[i].Label).Positive;
            }
        });
        var tags = posts.Select(p =>
        {
            var list = new List<string>();
            topics.Extract(SocialTokenizer.Tokenize(p.Text), list);
            return list;
        }).ToArray();
        var trend = Rounds(rounds, () =>
        {
            var trackers = new Dictionary<string, TopicTrendTracker>(StringComparer.Ordinal);
            var ranking = new TrendingTopicRanking();
            for (var i = 0; i < posts.Length; i++)
            {
                foreach (var topic in tags[i])
                {
                    if (!trackers.TryGetValue(topic, out var tracker))
                    {
                        trackers[topic] = tracker = new TopicTrendTracker();
                    }

                    tracker.Record(posts[i].Timestamp);
                    ranking.Record(topic, posts[i].Timestamp);
                }
            }
        });

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

        var sentiment = LearnedSentiment(analyzer, log);

        var n = posts.Length;
        double PerSec((double WallMs, double CpuMs) t) => n / (t.CpuMs / 1000);
        double NsPerPost(double ms) => ms * 1e6 / n;
        var result = new JsonObject
        {
            ["posts"] = n,
            ["rounds"] = rounds,
            ["posts_per_sec_per_core"] = Math.Round(PerSec(full)),
            ["posts_per_sec_wall"] = Math.Round(n / (full.WallMs / 1000)),
            ["target_posts_per_sec_per_core"] = 100_000,
            ["baseline_tokenize_only_posts_per_sec_per_core"] = Math.Round(PerSec(tokenize)),
            ["ratio_vs_tokenize_only"] = Math.Round(PerSec(full) / PerSec(tokenize), 3),
            ["stage_cpu_ns_per_post"] = new JsonObject
            {
                ["tokenize"] = Math.Round(NsPerPost(tokenize.CpuMs)),
                ["vader_score"] = Math.Round(NsPerPost(vader.CpuMs)),
                ["features_and_learn"] = Math.Round(NsPerPost(learn.CpuMs)),
                ["trend_update"] = Math.Round(NsPerPost(trend.CpuMs)),
                ["full_path"] = Math.Round(NsPerPost(full.CpuMs)),
            },
            ["burst_tpr"] = evaluation.TruePositiveRate,
            ["burst_fpr"] = Math.Round(evaluation.FalsePositiveRate, 5),
            ["burst_delay_p50_sec"] = evaluation.DelayPercentile(0.5).TotalSeconds,
            ["burst_evaluation"] = evaluation.ToString(),
            ["learned_macro_f1"] = sentiment["learned_macro_f1"]!.DeepClone(),
            ["mlnet_macro_f1"] = sentiment["mlnet_macro_f1"]!.DeepClone(),
            ["ftrl_macro_f1"] = sentiment["ftrl_macro_f1"]!.DeepClone(),
            ["vader_macro_f1"] = sentiment["vader_macro_f1"]!.DeepClone(),
            ["sentiment"] = sentiment,
            ["checksum"] = sink,
        };
        log.WriteLine(
            $"trends: {result["posts_per_sec_per_core"]} posts/s per core (tokenize+topics+VADER+learn+trend), target 100000; tokenizer alone {result["baseline_tokenize_only_posts_per_sec_per_core"]}/s; " +
            $"ns/post: {result["stage_cpu_ns_per_post"]!.ToJsonString()}; bursts: {evaluation}");
        return result;
    }

    // The sentiment models on labelled demo posts, as the silo trains them: the demo generator's stream (3 h at 5 posts/s,
    // every other post labelled, as the AppHost sends it), one version (SentimentTraining: the newest 20 % held out;
    // ML.NET fitted and FTRL learned on the rest in log order) with VADER on the same holdout, plus FTRL's prequential
    // macro-F1 over every labelled post. learned_macro_f1 is the served learned model's (the better of the two).
    private static JsonObject LearnedSentiment(VaderSentimentAnalyzer analyzer, TextWriter log)
    {
        var labelled = new PostGenerator(new PostGeneratorOptions
        {
            Seed = 11,
            Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromHours(3),
            BackgroundPostsPerSecond = 5,
            BurstCount = 10,
            BurstFreeWarmup = TimeSpan.FromMinutes(5),
        }).Generate().Where(p => p.PostId % 2 == 0)
            .Select(p => new LabelledPost(p.Text, string.Join(' ', SentimentScorer.Features(SocialTokenizer.Tokenize(p.Text))), p.Label))
            .ToList();
        var prequential = new OnlineSentimentClassifier();
        foreach (var post in labelled)
        {
            prequential.Learn(post.Features.Split(' ', StringSplitOptions.RemoveEmptyEntries), post.Label);
        }

        var (version, _) = SentimentTraining.Run(labelled, analyzer, 0.2, 1, TimeProvider.System);
        var learned = version.Served == "mlnet" ? version.MlNet : version.Ftrl;
        log.WriteLine(
            $"  sentiment on {labelled.Count} labelled demo posts (holdout {version.HoldoutPosts}): macro-F1 ML.NET {version.MlNet.MacroF1:F3}, FTRL {version.Ftrl.MacroF1:F3} " +
            $"(prequential {prequential.Metrics.MacroF1:F3}), VADER {version.Vader.MacroF1:F3}; {version.Served} serves; training {version.TrainingMs:F0} ms");
        return new JsonObject
        {
            ["labelled_posts"] = labelled.Count,
            ["holdout_posts"] = version.HoldoutPosts,
            ["served"] = version.Served,
            ["learned_macro_f1"] = Math.Round(learned.MacroF1, 4),
            ["mlnet_macro_f1"] = Math.Round(version.MlNet.MacroF1, 4),
            ["ftrl_macro_f1"] = Math.Round(version.Ftrl.MacroF1, 4),
            ["vader_macro_f1"] = Math.Round(version.Vader.MacroF1, 4),
            ["mlnet_accuracy"] = Math.Round(version.MlNet.Accuracy, 4),
            ["ftrl_accuracy"] = Math.Round(version.Ftrl.Accuracy, 4),
            ["vader_accuracy"] = Math.Round(version.Vader.Accuracy, 4),
            ["ftrl_prequential_macro_f1"] = Math.Round(prequential.Metrics.MacroF1, 4),
            ["training_ms"] = Math.Round(version.TrainingMs),
        };
    }

    // Median wall and thread-CPU milliseconds over `rounds` runs, after one uncounted warm-up run.
    private static (double WallMs, double CpuMs) Rounds(int rounds, Action run)
    {
        run();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var cpuStart = ThreadCpuClock.NowMilliseconds();
            var sw = Stopwatch.StartNew();
            run();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpuClock.NowMilliseconds() - cpuStart);
        }

        return (Stats.Median(wall), Stats.Median(cpu));
    }
}
