using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Tests.Support;
using static StreamOrleans.Tests.Grains.Trends.Grains.TrendsSilo;

namespace StreamOrleans.Tests.Grains.Trends.Grains;

/// <summary>Posts dated years before the silo's clock (an import or a replay): windows and forecasts run on event time.</summary>
public sealed class HistoricPostsTests
{
    private static readonly DateTimeOffset Then = new(2019, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_log_dated_years_ago_answers_with_its_own_windows_volumes_and_forecast()
    {
        var time = new ManualTimeProvider(Start);   // 2026: seven years after the posts
        await using var silo = await StartAsync(time);

        // 30 minutes of #ai, 5 posts a minute (one every 12 s), the last at 10:29:48.
        var posts = Enumerable.Range(0, 150).Select(i => new Post($"h{i}", "ann", "more news about #ai today", Then.AddSeconds(12 * i))).ToList();
        await AppendAsync(silo, posts);
        var topic = silo.GrainFactory.GetGrain<ITopicTrendGrain>("#ai");

        var details = await topic.GetDetailsAsync(60);
        Assert.Equal(150, details.TotalPosts);
        Assert.Equal(150, details.Timeline.Sum(p => p.Count));
        Assert.Equal(Then.AddMinutes(30), details.Timeline[^1].Start.AddMinutes(1));
        Assert.True(details.Forecast.NextWindowVolume > 0, $"forecast {details.Forecast.NextWindowVolume}");

        // The wall clock moving on changes nothing: this stream is not live.
        time.Advance(TimeSpan.FromHours(3));
        var summary = await topic.GetSummaryAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(25, summary.Volume);
        Assert.True(summary.TrendScore != 0, "the decayed rate is read at the newest post, not seven years later");

        var totals = await silo.GrainFactory.GetGrain<ITrendingTopicsGrain>(ITrendingTopicsGrain.DefaultKey).GetTotalsAsync();
        Assert.Equal((150L, 1, Then.AddSeconds(12 * 149)), (totals.Posts, totals.MonitoredTopics, totals.EventTime!.Value));
    }
}
