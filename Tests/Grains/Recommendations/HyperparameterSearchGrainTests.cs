using StreamOrleans.Tests.Support;
using static StreamOrleans.Tests.Grains.Recommendations.RecommendationSilo;

namespace StreamOrleans.Tests.Grains.Recommendations;

/// <summary>The model grain's hyper-parameter search: trials recorded per version, the best serves, later runs reuse it.</summary>
public sealed class HyperparameterSearchGrainTests
{
    [Fact]
    public async Task A_search_starts_from_the_serving_values_records_its_trials_and_later_trainings_reuse_the_best()
    {
        var settings = Settings(("Recommendations:SearchMaxTrials", "5"), ("Recommendations:SearchMaxRank", "32"), ("Recommendations:Regularization", "1000"));
        await using var silo = await StartAsync(settings: settings);
        await AppendAsync(silo, PlantedEvents());
        var model = ModelGrain(silo);

        var searched = await model.SearchAsync();

        Assert.NotNull(searched);
        var trials = searched.Search!;
        Assert.InRange(trials.Count, 2, 5);
        Assert.Equal((16, 3f, 1000f), (trials[0].Rank, trials[0].Alpha, trials[0].Regularization));
        var best = trials.MaxBy(t => t.Ndcg10)!;
        Assert.Equal((best.Rank, best.Alpha, best.Regularization), (searched.Rank, searched.Alpha, searched.Regularization));
        Assert.True(best.Ndcg10 > trials[0].Ndcg10, $"lambda 1000 shrinks every taste away; the search kept NDCG@10 {best.Ndcg10:F3}");
        Assert.Equal(best.Ndcg10, searched.Metrics!.Ndcg10, 6);

        var next = await model.TrainAsync();
        Assert.Null(next!.Search);
        Assert.Equal((searched.Rank, searched.Alpha, searched.Regularization), (next.Rank, next.Alpha, next.Regularization));
    }

    [Fact]
    public async Task With_the_search_enabled_the_run_after_the_first_version_is_a_search()
    {
        var time = new ManualTimeProvider();
        var settings = Settings(("Recommendations:SearchEnabled", "true"), ("Recommendations:SearchMaxTrials", "2"));
        await using var silo = await StartAsync(time, settings);
        await AppendAsync(silo, PlantedEvents());
        var model = ModelGrain(silo);

        var first = await model.TrainAsync();
        Assert.Null(first!.Search);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await model.RefreshAsync()).Training);

        var searched = await model.TrainAsync();   // serves the search in flight, then trains on the same events
        var status = await model.GetStatusAsync();
        Assert.NotNull(status.Versions.Single(v => v.Version == 2).Search);
        Assert.Equal(3, searched!.Version);
    }
}
