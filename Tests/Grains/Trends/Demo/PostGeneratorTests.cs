using StreamOrleans.Grains.Trends.Demo;
using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Demo;

public class PostGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static PostGenerator Generator(ulong seed = 42) =>
        new(new PostGeneratorOptions { Seed = seed, Start = Start, Duration = TimeSpan.FromHours(3), BurstCount = 6 });

    private static string Fingerprint(GeneratedPost p) =>
        $"{p.PostId}|{p.Author}|{p.Timestamp.UtcTicks}|{p.Text}|{string.Join(',', p.Hashtags)}|{p.Label}|{p.BurstTopic}";

    [Fact]
    public void Same_seed_gives_the_same_stream_and_another_seed_a_different_one()
    {
        var a = Generator().Generate().Take(3000).Select(Fingerprint).ToList();
        var again = Generator().Generate().Take(3000).Select(Fingerprint).ToList();
        var other = Generator(seed: 43).Generate().Take(3000).Select(Fingerprint).ToList();
        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
        Assert.Equal(Generator().Bursts, Generator().Bursts);
    }

    [Fact]
    public void Posts_are_in_time_order_inside_the_requested_span_and_match_their_ground_truth()
    {
        var generator = Generator();
        var posts = generator.Generate().ToList();
        var end = Start + generator.Options.Duration;
        var bursts = generator.Bursts.ToDictionary(b => b.Topic);
        Assert.All(posts.Zip(posts.Skip(1)), pair => Assert.True(pair.First.Timestamp <= pair.Second.Timestamp));
        Assert.All(posts, p => Assert.InRange(p.Timestamp, Start, end));
        Assert.Equal(Enumerable.Range(1, posts.Count).Select(i => (long)i), posts.Select(p => p.PostId));

        foreach (var post in posts)
        {
            Assert.All(post.Hashtags, tag => Assert.Contains("#" + tag, post.Text, StringComparison.Ordinal));
            if (post.BurstTopic is not null)
            {
                var burst = bursts[post.BurstTopic];
                Assert.Contains(burst.Topic, post.Hashtags);
                Assert.InRange(post.Timestamp, burst.Start, burst.End);
            }
        }

        // A new-topic burst's hashtag appears only in its burst.
        foreach (var burst in generator.Bursts.Where(b => b.IsNewTopic))
        {
            Assert.All(posts.Where(p => p.Hashtags.Contains(burst.Topic)), p => Assert.Equal(burst.Topic, p.BurstTopic));
        }
    }

    [Fact]
    public void Volumes_labels_and_burst_sentiment_follow_the_settings()
    {
        var generator = Generator();
        var posts = generator.Generate().ToList();
        var background = posts.Count(p => p.BurstTopic is null);
        var expected = generator.Options.BackgroundPostsPerSecond * generator.Options.Duration.TotalSeconds;
        Assert.InRange(background, expected * 0.97, expected * 1.03);

        // Background labels: 30% negative, 40% neutral, 30% positive, then 5% label noise.
        var shares = posts.Where(p => p.BurstTopic is null).GroupBy(p => p.Label).ToDictionary(g => g.Key, g => g.Count() / (double)background);
        Assert.InRange(shares[SentimentLabel.Neutral], 0.37, 0.41);
        Assert.InRange(shares[SentimentLabel.Negative], 0.28, 0.32);

        foreach (var burst in generator.Bursts)
        {
            var burstPosts = posts.Where(p => p.BurstTopic == burst.Topic).ToList();
            var minutes = (burst.End - burst.Start).TotalMinutes;
            // Trapezoid: ramp-up over 25%, ramp-down over 10% -> mean intensity 82.5% of the plateau.
            Assert.InRange(burstPosts.Count, 0.7 * 0.825 * burst.PeakPostsPerMinute * minutes, 1.3 * 0.825 * burst.PeakPostsPerMinute * minutes);
            Assert.Equal(burst.Sentiment, burstPosts.GroupBy(p => p.Label).MaxBy(g => g.Count())!.Key);
        }
    }

    [Fact]
    public void Texts_carry_mentions_urls_emoji_and_sentiment_words()
    {
        var posts = Generator().Generate().Take(5000).ToList();
        Assert.Contains(posts, p => p.Text.StartsWith("@user", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.Text.Contains("https://t.co/", StringComparison.Ordinal));
        Assert.Contains(posts, p => DemoVocabulary.PositiveEmoji.Any(e => p.Text.Contains(e, StringComparison.Ordinal)));
        var positive = posts.Where(p => p.Label == SentimentLabel.Positive).ToList();
        var withPositiveCue = positive.Count(p => p.Text.Split(' ').Any(w => DemoVocabulary.PositiveWords.Contains(w))
            || DemoVocabulary.PositivePhrases.Any(phrase => p.Text.Contains(phrase, StringComparison.Ordinal)));
        Assert.True(withPositiveCue > 0.9 * positive.Count, $"{withPositiveCue} of {positive.Count} positive posts carry a positive cue");
    }

    [Fact]
    public void Hashtags_and_words_are_real_and_ai_is_the_busiest_background_topic()
    {
        var generator = Generator();
        var posts = generator.Generate().Take(5000).ToList();

        Assert.Equal("ai", generator.BackgroundTopics[0]);
        var tags = posts.SelectMany(p => p.Hashtags).ToList();
        Assert.Equal("ai", tags.Where(t => generator.Bursts.All(b => b.Topic != t)).GroupBy(t => t).MaxBy(g => g.Count())!.Key);
        Assert.All(tags, t => Assert.True(
            DemoVocabulary.Topics.Contains(t) || DemoVocabulary.EventTopics.Contains(t), $"#{t} is not in the vocabulary"));
        var known = new HashSet<string>(DemoVocabulary.FunctionWords.Concat(DemoVocabulary.ContentWords).Concat(DemoVocabulary.PositiveWords)
            .Concat(DemoVocabulary.NegativeWords).Concat(DemoVocabulary.PositivePhrases.Concat(DemoVocabulary.NegativePhrases).SelectMany(p => p.Split(' ')))
            .Append("not"), StringComparer.Ordinal);
        var words = posts.SelectMany(p => p.Text.Split(' ')).Where(w => w.Length > 0 && char.IsAsciiLetterLower(w[0]) && !w.Contains("://", StringComparison.Ordinal)).ToList();
        Assert.All(words, w => Assert.Contains(w, known));
    }

    [Fact]
    public void Word_frequencies_follow_zipf()
    {
        var zipf = new ZipfSampler(1000, 1.0);
        Assert.Equal(10.0, zipf.Probability(0) / zipf.Probability(9), 9);
        var random = new DeterministicRandom(3);
        var counts = new int[1000];
        for (var i = 0; i < 200_000; i++)
        {
            counts[zipf.Sample(random)]++;
        }

        Assert.Equal(zipf.Probability(0), counts[0] / 200_000.0, 0.005);
        Assert.Equal(zipf.Probability(9), counts[9] / 200_000.0, 0.002);
    }

    [Fact]
    public void Bad_options_are_rejected_with_the_setting_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PostGenerator(new PostGeneratorOptions { Start = Start, Duration = TimeSpan.FromMinutes(20) }));
        Assert.Equal("Duration", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PostGenerator(new PostGeneratorOptions { Start = Start, LabelNoise = 2 }));
    }
}
