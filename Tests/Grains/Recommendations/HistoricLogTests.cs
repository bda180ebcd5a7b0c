using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;
using StreamOrleans.Tests.Support;
using static StreamOrleans.Tests.Grains.Recommendations.RecommendationSilo;

namespace StreamOrleans.Tests.Grains.Recommendations;

/// <summary>
/// A planted rating log dated years before the silo's clock, as an import of a public rating log would be: popularity,
/// its decay and the holdout report run on event time.
/// </summary>
public sealed class HistoricLogTests
{
    private static readonly DateTimeOffset Then = new(2012, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<UserEvent> HistoricEvents() =>
        [.. PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 300, Items = 150, MeanInteractionsPerUser = 20, Seed = 7, Start = Then, Span = TimeSpan.FromDays(400) })
            .Interactions.Select(i => new UserEvent(i.UserId, i.ItemId, (UserEventKind)(int)i.Kind, i.Timestamp))];

    [Fact]
    public async Task The_holdout_report_of_a_past_dated_log_scores_both_popularity_baselines_above_zero()
    {
        await using var silo = await StartAsync(new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        var events = HistoricEvents();
        await AppendAsync(silo, events);

        var version = await ModelGrain(silo).TrainAsync();

        Assert.NotNull(version);
        Assert.Equal(events.Max(e => e.Timestamp), version.NewestEventAt);
        Assert.True(version.PlainPopularityMetrics!.Ndcg10 > 0, $"plain popularity NDCG@10 {version.PlainPopularityMetrics.Ndcg10}");
        Assert.True(version.PopularityMetrics!.Ndcg10 > 0, $"decayed popularity NDCG@10 {version.PopularityMetrics.Ndcg10}");
        Assert.Equal(version.Metrics!.Users, version.PlainPopularityMetrics.Users);
        Assert.True(version.Metrics.Ndcg10 > version.PlainPopularityMetrics.Ndcg10, $"model {version.Metrics.Ndcg10:F3} vs plain {version.PlainPopularityMetrics.Ndcg10:F3}");
    }

    [Fact]
    public async Task Popular_products_of_a_past_dated_log_are_scored_as_of_its_newest_event()
    {
        await using var silo = await StartAsync(new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        await AppendAsync(silo, HistoricEvents());

        var popular = await ModelGrain(silo).GetPopularAsync(5);

        Assert.Equal(5, popular.Count);
        Assert.All(popular, p => Assert.True(p.Score > 0, $"{p.ProductId} scored {p.Score}: decayed against the wall clock"));
        Assert.True(popular[0].Score >= popular[^1].Score);
    }
}
