using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Tests.Support;
using static StreamOrleans.Tests.Grains.Recommendations.RecommendationSilo;

namespace StreamOrleans.Tests.Grains.Recommendations;

/// <summary>The recommender model grain on the production silo wiring: versions, metrics, rollback, its training schedule, Kappa rebuilds.</summary>
public sealed class RecommenderModelGrainTests
{
    [Fact]
    public async Task Each_training_is_a_version_with_metrics_and_rollback_serves_an_older_one()
    {
        await using var silo = await StartAsync();
        var events = PlantedEvents();
        await AppendAsync(silo, events.Take(4000));
        var model = ModelGrain(silo);
        var first = await model.TrainAsync();
        await AppendAsync(silo, events.Skip(4000));
        var second = await model.TrainAsync();

        Assert.Equal((1, 4000L), (first!.Version, first.Interactions));
        Assert.Equal((2, (long)events.Count), (second!.Version, second.Interactions));
        Assert.Equal((16, 3f, 10f, 8), (second.Rank, second.Alpha, second.Regularization, second.Iterations));
        Assert.True(second.TrainingMs > 0);
        Assert.NotNull(second.Metrics);
        Assert.NotNull(second.PopularityMetrics);
        Assert.InRange(second.Metrics.Ndcg10, 0d, 1d);
        Assert.True(second.Metrics.Users > 100, $"evaluated {second.Metrics.Users} users");

        var status = await model.GetStatusAsync();
        Assert.Equal(2, status.CurrentVersion);
        Assert.Equal([2, 1], status.Versions.Select(v => v.Version));
        Assert.Equal((events.Count, 0L), ((int)status.InteractionsSeen, status.InteractionsSinceTraining));

        Assert.Equal(1, (await model.RollbackAsync(1))!.Version);
        Assert.Equal(1, (await model.GetStatusAsync()).CurrentVersion);
        Assert.Equal(1, (await silo.GrainFactory.GetGrain<IUserGrain>("u003").GetRecommendationsAsync(5)).ModelVersion);
        Assert.Null(await model.RollbackAsync(99));
    }

    [Fact]
    public async Task On_planted_data_the_model_beats_time_decayed_popularity()
    {
        await using var silo = await StartAsync(settings: Settings(("Recommendations:Rank", "32"), ("Recommendations:Iterations", "10")));
        await AppendAsync(silo, PlantedEvents(users: 600, products: 200, seed: 11));
        var version = await ModelGrain(silo).TrainAsync();

        var ratio = version!.Metrics!.Ndcg10 / version.PopularityMetrics!.Ndcg10;
        Assert.True(ratio >= 1.5, $"NDCG@10 {version.Metrics.Ndcg10:F3} vs popularity {version.PopularityMetrics.Ndcg10:F3} (ratio {ratio:F2})");
        Assert.True(version.Metrics.Precision10 > version.PopularityMetrics.Precision10);
        Assert.True(version.Metrics.Map10 > version.PopularityMetrics.Map10);
    }

    [Fact]
    public async Task The_first_model_trains_as_soon_as_there_is_enough_data_then_after_N_new_events_or_the_interval()
    {
        // The schedule is decided on the grains' clock (manual here); each tick is the timer's own work, asked for through
        // RefreshAsync. Orleans runs grain timers on the real clock, so the timer itself stays out of this test (1 h).
        var time = new ManualTimeProvider();
        var settings = Settings(
            ("Recommendations:MinInteractionsToTrain", "1000"),
            ("Recommendations:RetrainAfterInteractions", "3000"),
            ("Recommendations:RetrainInterval", "00:10:00"));
        await using var silo = await StartAsync(time, settings);
        var events = PlantedEvents();
        var model = ModelGrain(silo);
        await model.GetStatusAsync();

        // Below the minimum: nothing to train yet.
        await AppendAsync(silo, events.Take(999));
        var status = await TickAsync(time, model);
        Assert.Equal((999L, false), (status.InteractionsSeen, status.Training));

        // The minimum reached: the next tick starts the first training off the grain's turn.
        await AppendAsync(silo, events.Skip(999).Take(1));
        Assert.True((await TickAsync(time, model)).Training);
        Assert.Equal(1000, (await model.TrainAsync())!.Interactions);   // waits for the run in flight and serves it

        // 2000 new events: fewer than N = 3000, interval not reached.
        await AppendAsync(silo, events.Skip(1000).Take(2000));
        Assert.False((await TickAsync(time, model)).Training);

        // 3000 new events: retrain.
        await AppendAsync(silo, events.Skip(3000).Take(1000));
        Assert.True((await TickAsync(time, model)).Training);
        Assert.Equal(4000, (await model.TrainAsync())!.Interactions);

        // 100 more events: not enough, until the retrain interval has passed.
        await AppendAsync(silo, events.Skip(4000).Take(100));
        Assert.False((await TickAsync(time, model)).Training);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await TickAsync(time, model)).Training);
    }

    [Fact]
    public async Task The_model_grain_keeps_training_on_its_own_timer_without_calls()
    {
        // The real timer (Orleans' clock) ticks every 20 ms; the decisions use the manual clock, which never moves, so
        // only the counts can make a run due. The test awaits the catalog's signal that a version serves, never a sleep.
        var time = new ManualTimeProvider();
        var settings = Settings(
            ("Recommendations:MinInteractionsToTrain", "1000"),
            ("Recommendations:RetrainAfterInteractions", "2000"),
            ("Recommendations:RefreshInterval", "00:00:00.020"));
        await using var silo = await StartAsync(time, settings);
        var events = PlantedEvents();
        var served = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var signal = new ConditionWaiter();
        Catalog(silo).ServingChanged += model =>
        {
            served.Enqueue(model.Version);
            signal.Notify();
        };

        // One call activates the grain; from here on nothing calls it until both versions serve. Each threshold is
        // crossed by a single last event, so each run trains on exactly the events before it: 1,000, then 3,000.
        Assert.Null((await ModelGrain(silo).GetStatusAsync()).CurrentVersion);
        await AppendAsync(silo, events.Take(999));
        await AppendAsync(silo, events.Skip(999).Take(1));
        await signal.WaitUntilAsync(() => !served.IsEmpty, TimeSpan.FromSeconds(60), "the first version served");

        await AppendAsync(silo, events.Skip(1000).Take(1999));
        await AppendAsync(silo, events.Skip(2999).Take(1));
        await signal.WaitUntilAsync(() => served.Count >= 2, TimeSpan.FromSeconds(60), "a second version served");

        Assert.Equal([1, 2], served);
        var status = await ModelGrain(silo).GetStatusAsync();
        Assert.Equal([(2, 3000L), (1, 1000L)], status.Versions.Select(v => (v.Version, v.Interactions)));
    }

    [Fact]
    public async Task Replaying_the_log_rebuilds_exactly_the_same_counts_and_a_restart_keeps_the_serving_version()
    {
        using var directory = new TempDirectory();
        var events = PlantedEvents(users: 120);
        var users = events.Select(e => e.UserId).Distinct().ToList();
        List<UserProfile> before;
        await using (var silo = await StartAsync(dataDirectory: directory.Path))
        {
            await AppendAsync(silo, events);
            await ModelGrain(silo).TrainAsync();
            before = await ProfilesAsync(silo, users);
            Assert.Equal(events.Count, before.Sum(p => p.Events));

            // Kappa: rewind the consumer group and rebuild every user grain from the log.
            await silo.RewindAsync(UserEvent.Topic, SeekPosition.Earliest, resetState: true);
            await silo.WaitUntilCommittedAsync(UserEvent.Topic);
            Assert.Equal(before, await ProfilesAsync(silo, users), new ProfileComparer());
        }

        await using (var restarted = await StartAsync(dataDirectory: directory.Path))
        {
            await AppendAsync(restarted, [new UserEvent("u001", "p001", UserEventKind.Click, events[^1].Timestamp)]);
            var after = await ProfilesAsync(restarted, users);
            Assert.Equal(before.Sum(p => p.Events) + 1, after.Sum(p => p.Events));
            Assert.Equal(1, (await restarted.GrainFactory.GetGrain<IUserGrain>("u002").GetRecommendationsAsync(3)).ModelVersion);
            Assert.Equal((long)events.Count + 1, (await ModelGrain(restarted).GetStatusAsync()).InteractionsSeen);
        }
    }

    private static Task<RecommenderModelStatus> TickAsync(ManualTimeProvider time, IRecommenderModelGrain model)
    {
        time.Advance(TimeSpan.FromSeconds(1));
        return model.RefreshAsync();
    }

    private static async Task<List<UserProfile>> ProfilesAsync(TestSilo silo, IEnumerable<string> users)
    {
        var profiles = new List<UserProfile>();
        foreach (var user in users)
        {
            profiles.Add(await silo.GrainFactory.GetGrain<IUserGrain>(user).GetProfileAsync());
        }

        return profiles;
    }

    private sealed class ProfileComparer : IEqualityComparer<UserProfile>
    {
        public bool Equals(UserProfile? x, UserProfile? y) =>
            x is not null && y is not null && x.UserId == y.UserId && x.Events == y.Events && x.Products.SequenceEqual(y.Products);

        public int GetHashCode(UserProfile obj) => obj.UserId.GetHashCode(StringComparison.Ordinal);
    }
}
