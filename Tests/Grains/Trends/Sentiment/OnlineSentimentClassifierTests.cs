using System.Text.Json;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Hashing;
using StreamOrleans.Grains.Trends.Sentiment;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

public class OnlineSentimentClassifierTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    // The learner sees tokens from a trivial whitespace split (the real tokenizer is a separate component).
    private static string[] Tokens(string text) => text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static List<GeneratedPost> Posts(ulong seed, int count) =>
        [.. new PostGenerator(new PostGeneratorOptions { Seed = seed, Start = Start, Duration = TimeSpan.FromHours(3), BurstCount = 4 })
            .Generate().Take(count)];

    [Fact]
    public void Untrained_model_predicts_uniform_probabilities()
    {
        var p = new OnlineSentimentClassifier().Predict(["anything", "at", "all"]);
        Assert.Equal(1.0 / 3, p.Negative, 12);
        Assert.Equal(1.0 / 3, p.Neutral, 12);
        Assert.Equal(1.0 / 3, p.Positive, 12);
    }

    [Fact]
    public void Beats_chance_by_a_wide_margin_on_held_out_generated_posts()
    {
        var train = Posts(seed: 1, count: 20_000);
        var heldOut = Posts(seed: 2, count: 5_000);
        var model = new OnlineSentimentClassifier();
        foreach (var post in train)
        {
            model.Learn(Tokens(post.Text), post.Label);
        }

        var held = new PrequentialMetrics(3, heldOut.Count);
        foreach (var post in heldOut)
        {
            held.Record((int)post.Label, (int)model.Predict(Tokens(post.Text)).Label);
        }

        // Chance: the majority class (neutral) is 40% of the generator's labels; uniform guessing gives macro-F1 about 0.33.
        var majority = heldOut.GroupBy(p => p.Label).Max(g => g.Count()) / (double)heldOut.Count;
        output.WriteLine(
            $"prequential on {model.Metrics.Count}: accuracy {model.Metrics.Accuracy:F3}, macro-F1 {model.Metrics.MacroF1:F3}, " +
            $"last {model.Metrics.WindowCount}: accuracy {model.Metrics.WindowAccuracy:F3}, macro-F1 {model.Metrics.WindowMacroF1:F3}; " +
            $"held-out {heldOut.Count}: accuracy {held.Accuracy:F3}, macro-F1 {held.MacroF1:F3} (majority class {majority:F3})");
        Assert.True(held.Accuracy >= majority + 0.3, $"held-out accuracy {held.Accuracy:F3} vs majority {majority:F3}");
        Assert.True(held.MacroF1 >= 0.75, $"held-out macro-F1 {held.MacroF1:F3}");
        Assert.True(model.Metrics.WindowAccuracy >= majority + 0.3, $"prequential window accuracy {model.Metrics.WindowAccuracy:F3}");
    }

    [Fact]
    public void Learn_returns_the_prediction_made_before_the_update()
    {
        var model = new OnlineSentimentClassifier();
        string[] tokens = ["great", "game"];
        var before = model.Learn(tokens, SentimentLabel.Positive);
        Assert.Equal(1.0 / 3, before.Positive, 12);
        var after = model.Predict(tokens);
        Assert.True(after.Positive > before.Positive);
        Assert.True(after.Negative < before.Negative);
        Assert.Equal(1, model.Metrics.Count);
    }

    [Fact]
    public void Bigrams_let_it_learn_negation()
    {
        var model = new OnlineSentimentClassifier();
        for (var i = 0; i < 200; i++)
        {
            model.Learn(["good"], SentimentLabel.Positive);
            model.Learn(["not", "good"], SentimentLabel.Negative);
            model.Learn(["not", "sure"], SentimentLabel.Neutral);
        }

        Assert.Equal(SentimentLabel.Positive, model.Predict(["good"]).Label);
        Assert.Equal(SentimentLabel.Negative, model.Predict(["not", "good"]).Label);

        var unigramsOnly = new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { UseBigrams = false });
        for (var i = 0; i < 200; i++)
        {
            unigramsOnly.Learn(["good"], SentimentLabel.Positive);
            unigramsOnly.Learn(["not", "good"], SentimentLabel.Negative);
            unigramsOnly.Learn(["not", "sure"], SentimentLabel.Neutral);
        }

        // Without the bigram, "not good" is only as negative as "not" + "good" add up to.
        Assert.True(model.Predict(["not", "good"]).Negative > unigramsOnly.Predict(["not", "good"]).Negative);
    }

    [Fact]
    public void State_survives_a_json_round_trip_and_predicts_identically()
    {
        var model = new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { HashBits = 12 });
        foreach (var post in Posts(seed: 3, count: 2_000))
        {
            model.Learn(Tokens(post.Text), post.Label);
        }

        var json = JsonSerializer.Serialize(model.ExportState());
        var restored = OnlineSentimentClassifier.FromState(JsonSerializer.Deserialize<OnlineSentimentClassifierState>(json)!);
        Assert.Equal(model.Metrics.Accuracy, restored.Metrics.Accuracy);
        foreach (var post in Posts(seed: 4, count: 200))
        {
            var tokens = Tokens(post.Text);
            Assert.Equal(model.Learn(tokens, post.Label), restored.Learn(tokens, post.Label));
        }
    }

    [Fact]
    public void Predict_and_learn_allocate_nothing_for_ordinary_posts()
    {
        var model = new OnlineSentimentClassifier();
        var posts = Posts(seed: 5, count: 500).Select(p => Tokens(p.Text)).ToArray();
        foreach (var tokens in posts)
        {
            model.Learn(tokens, SentimentLabel.Neutral);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var tokens in posts)
        {
            model.Predict(tokens);
            model.Learn(tokens, SentimentLabel.Positive);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Hashed_tokens_give_the_same_model_as_strings()
    {
        var fromStrings = new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { HashBits = 14 });
        var fromHashes = new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { HashBits = 14 });
        Span<ulong> hashes = stackalloc ulong[128];
        foreach (var post in Posts(seed: 6, count: 1_000))
        {
            var tokens = Tokens(post.Text);
            for (var i = 0; i < tokens.Length; i++)
            {
                hashes[i] = TextHash.Hash64(tokens[i]);
            }

            Assert.Equal(fromStrings.Learn(tokens, post.Label), fromHashes.LearnHashed(hashes[..tokens.Length], post.Label));
        }

        var probe = Tokens("love this not bad at all");
        var probeHashes = probe.Select(t => TextHash.Hash64(t)).ToArray();
        Assert.Equal(fromStrings.Predict(probe), fromHashes.PredictHashed(probeHashes));
        var before = GC.GetAllocatedBytesForCurrentThread();
        fromHashes.PredictHashed(probeHashes);
        fromHashes.LearnHashed(probeHashes, SentimentLabel.Positive);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Long_texts_beyond_the_stack_buffer_work()
    {
        var model = new OnlineSentimentClassifier();
        var tokens = Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? "great" : $"w{i}").ToArray();
        model.Learn(tokens, SentimentLabel.Positive);
        Assert.Equal(SentimentLabel.Positive, model.Predict(tokens).Label);
        Assert.Equal(model.Predict(tokens), model.Predict((IReadOnlyList<string>)tokens.ToList()));
    }

    [Fact]
    public void Guards_reject_bad_arguments()
    {
        var model = new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { HashBits = 8 });
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Learn(["x"], (SentimentLabel)7));
        Assert.Throws<ArgumentNullException>(() => model.Predict((IReadOnlyList<string>)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { HashBits = 30 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { Alpha = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnlineSentimentClassifier(new OnlineSentimentClassifierOptions { L1 = -1 }));
    }
}
