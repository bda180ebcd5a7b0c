using System.Text.Json;
using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class TrendingTopicRankingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decayed_counts_halve_every_half_life()
    {
        var ranking = new TrendingTopicRanking(halfLife: TimeSpan.FromMinutes(10));
        ranking.Record("a", T0);
        ranking.Record("a", T0.AddMinutes(10));
        var top = Assert.Single(ranking.Top(5, T0.AddMinutes(10)));
        Assert.Equal(1.5, top.DecayedCount, 12);
        Assert.Equal(0.75, ranking.Top(5, T0.AddMinutes(20))[0].DecayedCount, 12);
        Assert.Equal(2, top.TotalCount);
    }

    [Fact]
    public void A_recent_surge_outranks_a_bigger_but_older_topic()
    {
        var ranking = new TrendingTopicRanking(halfLife: TimeSpan.FromMinutes(10));
        ranking.Record("old", T0, 100);
        ranking.Record("new", T0.AddHours(1), 20);
        var top = ranking.Top(2, T0.AddHours(1));
        Assert.Equal(["new", "old"], top.Select(t => t.Topic));
        Assert.Equal(100 * Math.Pow(2, -6), top[1].DecayedCount, 9);
        Assert.Equal(100, top[1].TotalCount);
        Assert.Equal(120, ranking.TotalPosts);
    }

    [Fact]
    public void Moving_the_landmark_keeps_decayed_counts_right()
    {
        var ranking = new TrendingTopicRanking(halfLife: TimeSpan.FromMinutes(1));
        ranking.Record("a", T0);
        ranking.Record("b", T0.AddMinutes(30));
        ranking.Record("a", T0.AddMinutes(45)); // 45 half-lives after the landmark: forces a rescale
        var now = T0.AddMinutes(46);
        Assert.Equal(0.5 + Math.Pow(2, -46), ranking.Find("a", now).DecayedCount, 12);
        Assert.Equal(Math.Pow(2, -16), ranking.Find("b", now).DecayedCount, 12);
    }

    [Fact]
    public void Unmonitored_topics_get_an_upper_bound_and_a_total_from_the_sketch()
    {
        var ranking = new TrendingTopicRanking(capacity: 2, halfLife: TimeSpan.FromHours(1));
        ranking.Record("a", T0, 10);
        ranking.Record("b", T0, 5);
        ranking.Record("c", T0, 1); // evicts b: c = 5 + 1 with error 5
        var b = ranking.Find("b", T0);
        Assert.Equal(6, b.DecayedCount, 12);
        Assert.Equal(5, b.TotalCount);
        Assert.Equal(new RankedTopic("c", 6, 5, 1), ranking.Find("c", T0));
    }

    [Fact]
    public void State_round_trips_through_json()
    {
        var ranking = new TrendingTopicRanking(capacity: 3);
        for (var i = 0; i < 50; i++)
        {
            ranking.Record($"t{i % 7}", T0.AddSeconds(i * 17));
        }

        var json = JsonSerializer.Serialize(ranking.ExportState());
        var restored = TrendingTopicRanking.FromState(JsonSerializer.Deserialize<TrendingTopicRankingState>(json)!);
        var now = T0.AddHours(1);
        Assert.Equal(ranking.Top(3, now), restored.Top(3, now));
    }
}
