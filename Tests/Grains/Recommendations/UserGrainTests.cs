using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Tests.Support;
using static StreamOrleans.Tests.Grains.Recommendations.RecommendationSilo;

namespace StreamOrleans.Tests.Grains.Recommendations;

/// <summary>User grains on the production silo wiring: exact profiles from the log, fold-in recommendations, cold start, dead letters.</summary>
public sealed class UserGrainTests
{
    [Fact]
    public async Task A_purchase_changes_the_list_at_once_by_fold_in_without_a_retrain()
    {
        await using var silo = await StartAsync();
        await AppendAsync(silo, PlantedEvents());
        var trained = await ModelGrain(silo).TrainAsync();
        Assert.Equal(1, trained!.Version);

        var user = silo.GrainFactory.GetGrain<IUserGrain>("u001");
        var before = await user.GetRecommendationsAsync(10);
        Assert.False(before.ColdStart);
        Assert.Equal(1, before.ModelVersion);
        Assert.Equal(10, before.Items.Count);
        await AssertMatchesFoldInAsync(silo, user, before);

        // The user buys the top recommendation and two more: the list changes immediately, under the same version.
        var bought = before.Items.Take(3).Select(i => i.ProductId).ToList();
        var now = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await AppendAsync(silo, bought.Select(p => new UserEvent("u001", p, UserEventKind.Purchase, now)));
        var after = await user.GetRecommendationsAsync(10);
        Assert.Equal(1, after.ModelVersion);
        Assert.DoesNotContain(after.Items, i => bought.Contains(i.ProductId));
        Assert.NotEqual(before.Items.Select(i => i.ProductId), after.Items.Select(i => i.ProductId));
        await AssertMatchesFoldInAsync(silo, user, after);

        // The changed list went to the output topic, keyed by the user.
        var published = await LastPublishedAsync(silo, "u001");
        Assert.Equal(after.Items.Select(i => i.ProductId), published.ProductIds);
        Assert.Equal(1, published.ModelVersion);
    }

    [Fact]
    public async Task Untraced_deliveries_start_no_trace_of_their_own_and_a_traced_one_gets_its_recommend_span()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is RecommendationsTelemetry.Name or StreamingDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var silo = await StartAsync();
        await AppendAsync(silo, PlantedEvents());
        await ModelGrain(silo).TrainAsync();

        // Each delivery recomputes (and publishes) the user's list: with a model that is a top-N, but no span of its own.
        var now = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await AppendAsync(silo, Enumerable.Range(0, 20).Select(i => new UserEvent($"u{i:000}", "p001", UserEventKind.Click, now)));
        Assert.DoesNotContain(spans, s => s.OperationName == "recommender.recommend" && s.Parent is null && s.ParentSpanId == default);

        // A record that carried a trace context (an HTTP ingest): the top-N after its delivery is part of that trace.
        var traceId = ActivityTraceId.CreateRandom();
        var traced = new UserEvent("u001", "p002", UserEventKind.Click, now);
        await silo.Log.AppendAsync(UserEvent.Topic, [new StreamRecord(traced.UserId, Encoding.UTF8.GetBytes(Json(traced)),
            new Dictionary<string, string> { ["traceparent"] = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" })]);
        await silo.WaitUntilCommittedAsync(UserEvent.Topic);
        Assert.Contains(spans, s => s.OperationName == "recommender.recommend" && s.TraceId == traceId);
    }

    [Fact]
    public async Task Every_recommendation_has_reasons_from_the_users_own_products()
    {
        await using var silo = await StartAsync();
        await AppendAsync(silo, PlantedEvents());
        await ModelGrain(silo).TrainAsync();

        foreach (var id in new[] { "u000", "u005", "u017" })
        {
            var user = silo.GrainFactory.GetGrain<IUserGrain>(id);
            var mine = (await user.GetProfileAsync()).Products.Where(p => p.Clicks + p.Purchases > 0).Select(p => p.ProductId).ToHashSet();
            var list = await user.GetRecommendationsAsync(5);
            Assert.All(list.Items, item =>
            {
                Assert.NotEmpty(item.Reasons);
                Assert.All(item.Reasons, r => Assert.Contains(r.ProductId, mine));
                Assert.All(item.Reasons, r => Assert.True(r.Weight > 0f));
            });
        }
    }

    [Fact]
    public async Task A_new_user_gets_popular_products_and_purchases_stay_excluded()
    {
        await using var silo = await StartAsync();
        var events = PlantedEvents();
        await AppendAsync(silo, events);
        var popular = await ModelGrain(silo).GetPopularAsync(5);
        Assert.Equal(5, popular.Count);

        var stranger = await silo.GrainFactory.GetGrain<IUserGrain>("stranger").GetRecommendationsAsync(5);
        Assert.True(stranger.ColdStart);
        Assert.Null(stranger.ModelVersion);
        Assert.Equal(popular.Select(p => p.ProductId), stranger.Items.Select(i => i.ProductId));

        // Before any model: a user who bought the most popular product does not get it again.
        var top = popular[0].ProductId;
        await AppendAsync(silo, [new UserEvent("buyer", top, UserEventKind.Purchase, events[^1].Timestamp)]);
        var buyer = await silo.GrainFactory.GetGrain<IUserGrain>("buyer").GetRecommendationsAsync(4);
        Assert.True(buyer.ColdStart);
        Assert.Equal(popular.Skip(1).Take(4).Select(p => p.ProductId), buyer.Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task Profiles_count_each_kind_exactly()
    {
        await using var silo = await StartAsync();
        var t = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        await AppendAsync(silo,
        [
            new UserEvent("alice", "p1", UserEventKind.View, t),
            new UserEvent("alice", "p1", UserEventKind.Click, t.AddMinutes(1)),
            new UserEvent("alice", "p1", UserEventKind.Purchase, t.AddMinutes(2)),
            new UserEvent("alice", "p2", UserEventKind.Click, t.AddMinutes(3)),
            new UserEvent("alice", "p2", UserEventKind.Click, t.AddMinutes(4)),
        ]);

        var profile = await silo.GrainFactory.GetGrain<IUserGrain>("alice").GetProfileAsync();
        Assert.Equal(5, profile.Events);
        Assert.Equal(
            [new ProductInteractions("p1", 1, 1, 1, t.AddMinutes(2)), new ProductInteractions("p2", 0, 2, 0, t.AddMinutes(4))],
            profile.Products);
    }

    [Fact]
    public async Task Invalid_user_events_are_dead_lettered_with_the_field_and_reason()
    {
        await using var silo = await StartAsync();
        await silo.AppendJsonAsync(UserEvent.Topic,
        [
            ("u1", """{"userId":"u1","productId":"p1","kind":"like","timestamp":"2026-01-01T00:00:00Z"}"""),
            ("u1", """{"userId":"u1","kind":"click","timestamp":"2026-01-01T00:00:00Z"}"""),
            ("u1", """{"userId":"u1","productId":"p1","kind":"click","timestamp":"1970-01-01T00:00:00Z"}"""),
            ("u1", """{"userId":"u1","productId":"p1","kind":7,"timestamp":"2026-01-01T00:00:00Z"}"""),
            ("u1", """{"userId":"u1","productId":"p1","kind":"click","timestamp":"2026-01-01T00:00:00Z"}"""),
        ]);
        await silo.WaitUntilCommittedAsync(UserEvent.Topic);

        var letters = (await silo.Services.GetRequiredService<LogDeadLetters>().ReadRecentAsync(10)).OrderBy(l => l.Offset).ToList();
        Assert.Equal([DeadLetterKind.Undecodable, DeadLetterKind.Undecodable, DeadLetterKind.Invalid, DeadLetterKind.Invalid], letters.Select(l => l.Kind));
        Assert.Contains("productId", letters[1].Reason, StringComparison.Ordinal);
        Assert.Contains("timestamp", letters[2].Reason, StringComparison.Ordinal);
        Assert.Contains("kind", letters[3].Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await silo.GrainFactory.GetGrain<IUserGrain>("u1").GetProfileAsync()).Events);
    }

    private static async Task AssertMatchesFoldInAsync(TestSilo silo, IUserGrain user, UserRecommendations list)
    {
        // The known answer: fold-in of r = 3 x purchases + clicks (views weigh 0) against the serving model, purchases excluded.
        var serving = Catalog(silo).Current!;
        var profile = await user.GetProfileAsync();
        var ratings = profile.Products.ToDictionary(p => p.ProductId, p => (3f * p.Purchases) + p.Clicks);
        var purchased = profile.Products.Where(p => p.Purchases > 0).Select(p => p.ProductId).ToHashSet();
        var vector = serving.Model.FoldIn(ratings);
        var expected = serving.Model.Recommend(vector, ratings, list.Items.Count, purchased);
        Assert.Equal(expected.Select(e => e.ItemId), list.Items.Select(i => i.ProductId));
        Assert.All(expected.Zip(list.Items), p => Assert.Equal(p.First.Score, p.Second.Score, 1e-5f));   // summation order may differ
    }

    private static async Task<RecommendationUpdate> LastPublishedAsync(TestSilo silo, string userId)
    {
        RecommendationUpdate? last = null;
        foreach (var partition in await silo.Log.GetOffsetsAsync(RecommendationUpdate.Topic))
        {
            foreach (var record in await silo.Log.ReadAsync(RecommendationUpdate.Topic, partition.Partition, partition.StartOffset, 100_000))
            {
                if (record.Key == userId)
                {
                    last = System.Text.Json.JsonSerializer.Deserialize(record.Value.Span, StreamOrleans.Grains.Recommendations.RecommendationsJsonContext.Default.RecommendationUpdate);
                }
            }
        }

        return last ?? throw new Xunit.Sdk.XunitException($"nothing was published for {userId}");
    }
}
