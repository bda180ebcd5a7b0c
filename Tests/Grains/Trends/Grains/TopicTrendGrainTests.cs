using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Tests.Support;
using static StreamOrleans.Tests.Grains.Trends.Grains.TrendsSilo;

namespace StreamOrleans.Tests.Grains.Trends.Grains;

/// <summary>Topic grains and the global ranking on the production silo wiring, fed by the post router.</summary>
public sealed class TopicTrendGrainTests
{
    [Fact]
    public async Task A_post_reaches_each_hashtag_and_keyword_topic_once_and_the_ranking()
    {
        var time = new ManualTimeProvider(Start.AddMinutes(3));
        await using var silo = await StartAsync(time);
        await AppendAsync(silo,
        [
            new Post("p1", "ann", "Loving the new #AI chips, great #GPU launch! #ai", Start),
            new Post("p2", "bob", "This #ai hype is terrible and boring", Start.AddMinutes(1)),
            new Post("p3", "cy", "Quiet day, nothing to say", Start.AddMinutes(2)),
        ]);

        var ai = await silo.GrainFactory.GetGrain<ITopicTrendGrain>("#ai").GetDetailsAsync(10);
        Assert.Equal(2, ai.TotalPosts);
        Assert.Equal((1L, 0L, 1L), (ai.Sentiment.Positive, ai.Sentiment.Neutral, ai.Sentiment.Negative));
        Assert.Equal([1L, 1L, 0L], ai.Timeline.Where(p => p.Start >= Start).Take(3).Select(p => p.Count));
        Assert.True(ai.Timeline.Single(p => p.Start == Start).Sentiment > 0.5);
        Assert.True(ai.Timeline.Single(p => p.Start == Start.AddMinutes(1)).Sentiment < -0.5);
        Assert.Contains(ai.CooccurringTerms, t => t.Term == "#gpu" && t.Count == 1);
        Assert.Contains(ai.CooccurringTerms, t => t.Term == "hype");
        Assert.DoesNotContain(ai.CooccurringTerms, t => t.Term is "#ai" or "the" or "and");

        Assert.Equal(1, (await silo.GrainFactory.GetGrain<ITopicTrendGrain>("#gpu").GetDetailsAsync(10)).TotalPosts);
        Assert.Equal(1, (await silo.GrainFactory.GetGrain<ITopicTrendGrain>("launch").GetDetailsAsync(10)).TotalPosts);
        var ranking = silo.GrainFactory.GetGrain<ITrendingTopicsGrain>(ITrendingTopicsGrain.DefaultKey);
        Assert.Equal(3, (await ranking.GetTotalsAsync()).Posts);
        Assert.Equal("#ai", (await ranking.GetCandidatesAsync(3))[0]);
        Assert.Equal(["#ai", "#gpu", "launch"], (await ranking.GetCandidatesAsync(3)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_planted_burst_raises_a_started_and_a_stopped_alert_and_a_steady_topic_none()
    {
        var time = new ManualTimeProvider(Start);
        await using var silo = await StartAsync(time);
        var posts = new List<Post>();
        var id = 0;
        void Add(string tag, DateTimeOffset at) => posts.Add(new Post($"x{id++}", "gen", $"update on #{tag} today", at));

        // 60 quiet minutes (3 posts a minute on both topics), 10 minutes of 40 a minute on #storm, 30 quiet minutes.
        for (var minute = 0; minute < 100; minute++)
        {
            var perMinute = minute is >= 60 and < 70 ? 40 : 3;
            for (var i = 0; i < perMinute; i++)
            {
                Add("storm", Start.AddMinutes(minute).AddSeconds(i * 60.0 / perMinute));
            }

            for (var i = 0; i < 3; i++)
            {
                Add("steady", Start.AddMinutes(minute).AddSeconds(i * 20));
            }
        }

        await AppendAsync(silo, posts);
        var alerts = await AlertsAsync(silo);

        Assert.All(alerts, a => Assert.Equal("#storm", a.Topic));
        Assert.Equal(["started", "stopped"], alerts.Select(a => a.Kind));
        Assert.InRange(alerts[0].At, Start.AddMinutes(61), Start.AddMinutes(64));   // within 1..4 windows of the burst's start
        Assert.InRange(alerts[1].At, Start.AddMinutes(70), Start.AddMinutes(80));
        time.SetUtcNow(Start.AddMinutes(100));
        var storm = await silo.GrainFactory.GetGrain<ITopicTrendGrain>("#storm").GetDetailsAsync(60);
        Assert.False(storm.Trending);
        Assert.Equal(400, storm.Timeline.Where(p => p.Start >= Start.AddMinutes(60) && p.Start < Start.AddMinutes(70)).Sum(p => p.Count));
    }

    [Fact]
    public async Task Rebuilding_from_the_log_gives_exactly_the_same_topics_and_a_restart_keeps_them()
    {
        using var directory = new TempDirectory();
        var posts = Enumerable.Range(0, 300).Select(i => new Post(
            $"p{i}", $"a{i % 7}", $"post {i} about #t{i % 5} and #all {(i % 3 == 0 ? "love it" : "hate it")}", Start.AddSeconds(i * 10))).ToList();
        var topics = Enumerable.Range(0, 5).Select(i => $"#t{i}").Append("#all").ToList();
        List<TopicDetails> before;
        await using (var silo = await StartAsync(dataDirectory: directory.Path))
        {
            await AppendAsync(silo, posts);
            before = await DetailsAsync(silo, topics);
            Assert.Equal(300, before.Single(d => d.Topic == "#all").TotalPosts);
            Assert.Equal(60, before.Single(d => d.Topic == "#t0").TotalPosts);

            await silo.RewindAsync(Post.Topic, SeekPosition.Earliest, resetState: true);
            await silo.WaitUntilCommittedAsync(Post.Topic);
            AssertSame(before, await DetailsAsync(silo, topics));
        }

        await using (var restarted = await StartAsync(dataDirectory: directory.Path))
        {
            AssertSame(before, await DetailsAsync(restarted, topics));
            Assert.Equal(300, (await restarted.GrainFactory.GetGrain<ITrendingTopicsGrain>(ITrendingTopicsGrain.DefaultKey).GetTotalsAsync()).Posts);
        }
    }

    [Fact]
    public async Task The_working_model_of_a_topic_survives_a_restart_in_the_middle_of_a_burst()
    {
        // 60 quiet minutes, then a burst that is still on when the silo stops; after the restart 30 quiet minutes end it.
        // The same posts on a silo that never stops are the reference. One key keeps the posts in one partition, so both
        // silos apply them in the same order and every number compares exactly.
        var (first, second) = BurstInTwoParts();
        using var directory = new TempDirectory();
        TopicDetails beforeStop;
        await using (var silo = await StartAsync(new ManualTimeProvider(Start.AddMinutes(68)), directory.Path))
        {
            await AppendInOrderAsync(silo, first);
            beforeStop = await silo.GrainFactory.GetGrain<ITopicTrendGrain>("#storm").GetDetailsAsync(90);
            Assert.True(beforeStop.Trending);
        }

        var restartedTime = new ManualTimeProvider(Start.AddMinutes(68));
        await using var restarted = await StartAsync(restartedTime, directory.Path);
        var storm = restarted.GrainFactory.GetGrain<ITopicTrendGrain>("#storm");
        Assert.Equal(Comparable(beforeStop), Comparable(await storm.GetDetailsAsync(90)));

        await AppendInOrderAsync(restarted, second);
        restartedTime.SetUtcNow(Start.AddMinutes(100));
        var after = await storm.GetDetailsAsync(90);
        Assert.False(after.Trending);

        var referenceTime = new ManualTimeProvider(Start.AddMinutes(68));
        await using var reference = await StartAsync(referenceTime);
        await AppendInOrderAsync(reference, first);
        await AppendInOrderAsync(reference, second);
        referenceTime.SetUtcNow(Start.AddMinutes(100));
        Assert.Equal(Comparable(await reference.GrainFactory.GetGrain<ITopicTrendGrain>("#storm").GetDetailsAsync(90)), Comparable(after));
        Assert.Equal(
            (await AlertsAsync(reference)).Select(a => (a.Kind, a.At, a.Count)),
            (await AlertsAsync(restarted)).Select(a => (a.Kind, a.At, a.Count)));
        Assert.Equal(["started", "stopped"], (await AlertsAsync(restarted)).Select(a => a.Kind));
    }

    [Fact]
    public async Task Invalid_posts_are_dead_lettered_with_the_field()
    {
        await using var silo = await StartAsync();
        var tooLong = new string('a', Post.MaxTextLength + 1);
        await silo.AppendJsonAsync(Post.Topic,
        [
            ("p1", $$"""{"postId":"p1","author":"a","text":"{{tooLong}}","timestamp":"2026-03-02T09:00:00Z"}"""),
            ("p2", """{"postId":"p2","author":"a","text":"bad \u0007 bell #x","timestamp":"2026-03-02T09:00:00Z"}"""),
            ("p3", """{"postId":"p3","author":"a","text":"half \ud800 surrogate #x","timestamp":"2026-03-02T09:00:00Z"}"""),
            ("p4", """{"postId":"p4","author":"a","text":"#x","timestamp":"2026-03-02T09:00:00Z","label":"angry"}"""),
            ("p5", """{"postId":"p5","author":"a","text":"fine #x","timestamp":"2026-03-02T09:00:00Z","label":"positive"}"""),
        ]);
        await silo.WaitUntilCommittedAsync(Post.Topic);

        var letters = (await silo.Services.GetRequiredService<LogDeadLetters>().ReadRecentAsync(20)).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(["p1", "p2", "p3", "p4"], letters.Select(l => l.Key).Distinct());
        Assert.Contains("text", letters.First(l => l.Key == "p1").Reason, StringComparison.Ordinal);
        Assert.Contains("U+0007", letters.First(l => l.Key == "p2").Reason, StringComparison.Ordinal);
        Assert.Contains("$.text", letters.First(l => l.Key == "p3").Reason, StringComparison.Ordinal);   // the JSON reader rejects a lone surrogate
        Assert.Equal(DeadLetterKind.Undecodable, letters.First(l => l.Key == "p4").Kind);
        Assert.Contains("$.label", letters.First(l => l.Key == "p4").Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await silo.GrainFactory.GetGrain<ITopicTrendGrain>("#x").GetDetailsAsync(5)).TotalPosts);
    }

    private static (List<Post> First, List<Post> Second) BurstInTwoParts()
    {
        var posts = new List<Post>();
        for (var minute = 0; minute < 98; minute++)
        {
            var perMinute = minute is >= 60 and < 68 ? 40 : 3;
            for (var i = 0; i < perMinute; i++)
            {
                var words = (minute + i) % 2 == 0 ? "rain wind" : "wind thunder";
                posts.Add(new Post($"s{posts.Count}", "gen", $"{words} update on #storm", Start.AddMinutes(minute).AddSeconds(i * 60.0 / perMinute)));
            }
        }

        return ([.. posts.Where(p => p.Timestamp < Start.AddMinutes(68))], [.. posts.Where(p => p.Timestamp >= Start.AddMinutes(68))]);
    }

    private static async Task AppendInOrderAsync(TestSilo silo, IEnumerable<Post> posts)
    {
        await silo.AppendJsonAsync(Post.Topic, posts.Select(p => ("storm", Json(p))));
        await silo.WaitUntilCommittedAsync(Post.Topic);
    }

    /// <summary>Every field of the details, with the lists as text (records compare lists by reference).</summary>
    private static string Comparable(TopicDetails d) => string.Join(
        " | ",
        d.Topic, d.TrendScore.ToString("R", System.Globalization.CultureInfo.InvariantCulture), d.Trending, d.BurstStartedAt, d.TotalPosts, d.Sentiment,
        string.Join(",", d.Timeline), string.Join(",", d.CooccurringTerms), d.Forecast);

    private static void AssertSame(List<TopicDetails> expected, List<TopicDetails> actual)
    {
        // Exact counts; the mean may differ in the last bits (posts of different partitions interleave in another order).
        Assert.Equal(
            expected.Select(d => (d.Topic, d.TotalPosts, d.Sentiment.Positive, d.Sentiment.Neutral, d.Sentiment.Negative)),
            actual.Select(d => (d.Topic, d.TotalPosts, d.Sentiment.Positive, d.Sentiment.Neutral, d.Sentiment.Negative)));
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Sentiment.Mean, p.Second.Sentiment.Mean, 1e-9));
        Assert.Equal(expected.SelectMany(d => d.Timeline.Select(p => p.Count)), actual.SelectMany(d => d.Timeline.Select(p => p.Count)));
        Assert.Equal(expected.SelectMany(d => Ordered(d.CooccurringTerms)), actual.SelectMany(d => Ordered(d.CooccurringTerms)));
    }

    private static IEnumerable<TermCount> Ordered(IEnumerable<TermCount> terms) => terms.OrderByDescending(t => t.Count).ThenBy(t => t.Term, StringComparer.Ordinal);

    private static async Task<List<TopicDetails>> DetailsAsync(TestSilo silo, IEnumerable<string> topics)
    {
        var details = new List<TopicDetails>();
        foreach (var topic in topics)
        {
            details.Add(await silo.GrainFactory.GetGrain<ITopicTrendGrain>(topic).GetDetailsAsync(180));
        }

        return details;
    }
}
