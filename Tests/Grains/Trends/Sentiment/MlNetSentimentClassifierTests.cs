using StreamOrleans.Grains.Trends;
using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Sentiment;
using StreamOrleans.Grains.Trends.Text;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

public sealed class MlNetSentimentClassifierTests(ITestOutputHelper output)
{
    internal static LabelledPost Labelled(string text, SentimentLabel label) =>
        new(text, string.Join(' ', SentimentScorer.Features(SocialTokenizer.Tokenize(text))), label);

    internal static List<LabelledPost> DemoPosts(int hours = 2, ulong seed = 9) =>
        [.. new PostGenerator(new PostGeneratorOptions { Seed = seed, Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), Duration = TimeSpan.FromHours(hours), BurstCount = 4 })
            .Generate().Select(p => Labelled(p.Text, p.Label))];

    [Fact]
    public void Probabilities_follow_the_labels_whatever_order_the_labels_were_first_seen_in()
    {
        // Positive first, so the key order (Positive, Negative, Neutral) differs from the class order.
        var examples = new List<LabelledPost>();
        for (var i = 0; i < 30; i++)
        {
            examples.Add(Labelled($"lovely sunny park day {i}", SentimentLabel.Positive));
            examples.Add(Labelled($"broken train delayed again {i}", SentimentLabel.Negative));
            examples.Add(Labelled($"the meeting is at noon {i}", SentimentLabel.Neutral));
        }

        var model = MlNetSentimentClassifier.Train(examples);

        var positive = model.Predict(Labelled("a lovely sunny day", SentimentLabel.Positive).Features);
        var negative = model.Predict(Labelled("train delayed again", SentimentLabel.Negative).Features);
        var neutral = model.Predict(Labelled("meeting at noon", SentimentLabel.Neutral).Features);
        Assert.Equal((SentimentLabel.Positive, SentimentLabel.Negative, SentimentLabel.Neutral), (positive.Label, negative.Label, neutral.Label));
        Assert.Equal(1d, positive.Negative + positive.Neutral + positive.Positive, 5);
        Assert.True(positive.Polarity > 0.3 && negative.Polarity < -0.3, $"polarities {positive.Polarity:F3} / {negative.Polarity:F3}");
    }

    [Fact]
    public void Training_needs_every_label()
    {
        var e = Assert.Throws<ArgumentException>(() => MlNetSentimentClassifier.Train([Labelled("good", SentimentLabel.Positive), Labelled("bad", SentimentLabel.Negative)]));
        Assert.Contains("none for Neutral", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_scores_mlnet_ftrl_and_vader_on_the_newest_posts_and_the_served_learned_model_beats_vader_on_demo_posts()
    {
        var posts = DemoPosts();
        var vader = new VaderSentimentAnalyzer(VaderTestFiles.Lexicon);

        var (version, mlnet) = SentimentTraining.Run(posts, vader, 0.2, 1, TimeProvider.System);

        output.WriteLine(version.ToString());
        var holdout = (int)Math.Round(posts.Count * 0.2);
        Assert.Equal((posts.Count - holdout, holdout), (version.TrainPosts, version.HoldoutPosts));
        Assert.Equal(version.MlNet.MacroF1 >= version.Ftrl.MacroF1 ? "mlnet" : "ftrl", version.Served);
        var served = version.Served == "mlnet" ? version.MlNet : version.Ftrl;
        Assert.True(served.MacroF1 > version.Vader.MacroF1 + 0.05, $"served {served.MacroF1:F3} vs VADER {version.Vader.MacroF1:F3}");

        // The holdout numbers are the served classifier's own: recomputed from its predictions they agree.
        var test = posts.Skip(posts.Count - holdout).ToList();
        Assert.Equal(version.MlNet, SentimentTraining.Score(test, p => mlnet.Predict(p.Features).Label));
    }
}
