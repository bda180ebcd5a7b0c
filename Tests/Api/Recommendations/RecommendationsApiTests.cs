using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Recommendations.Model;
using static StreamOrleans.Tests.Api.JsonBodies;
using static StreamOrleans.Tests.Api.Problems;

namespace StreamOrleans.Tests.Api.Recommendations;

/// <summary>The recommendation routes on their own API host (small, fast model settings; training by hand).</summary>
public sealed class RecommendationsApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new(new Dictionary<string, string?>
    {
        ["Recommendations:Rank"] = "16",
        ["Recommendations:Iterations"] = "8",
        ["Recommendations:Regularization"] = "10",
        ["Recommendations:MinInteractionsToTrain"] = "100",
        ["Recommendations:RefreshInterval"] = "01:00:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Events_in_then_a_trained_model_gives_lists_with_reasons_versions_and_rollback()
    {
        using var client = _api.CreateAuthorizedClient();
        var events = PlantedDataGenerator.Generate(new PlantedDataOptions { Users = 200, Items = 100, MeanInteractionsPerUser = 20, Seed = 9 }).Interactions;
        foreach (var batch in events.Chunk(ApiFactory.MaxEventsPerBatch))
        {
            var body = new { events = batch.Select(e => new { key = e.UserId, value = new { userId = e.UserId, productId = e.ItemId, kind = e.Kind.ToString().ToLowerInvariant(), timestamp = e.Timestamp } }) };
            (await client.PostAsJsonAsync("/api/streams/user-events/events", body)).EnsureSuccessStatusCode();
        }

        await _api.WaitUntilCommittedAsync(UserEvent.Topic);
        var popular = await client.GetFromJsonAsync<JsonElement>("/api/products/popular?count=3");
        Assert.Equal(3, popular.GetProperty("items").GetArrayLength());
        var cold = await client.GetFromJsonAsync<JsonElement>("/api/users/nobody/recommendations?count=3");
        Assert.True(cold.GetProperty("coldStart").GetBoolean());
        Assert.Equal(
            popular.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("productId").GetString()),
            cold.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("productId").GetString()));

        var model = _api.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecommenderModelGrain>(IRecommenderModelGrain.DefaultKey);
        await model.TrainAsync();
        await model.TrainAsync();

        var user = events[0].UserId;
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/users/{user}/recommendations?count=4");
        Assert.Equal((user, 2, false), (list.GetProperty("userId").GetString(), list.GetProperty("modelVersion").GetInt32(), list.GetProperty("coldStart").GetBoolean()));
        Assert.Equal(4, list.GetProperty("items").GetArrayLength());
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.NotEqual(0, i.GetProperty("reasons").GetArrayLength()));

        var versions = await client.GetFromJsonAsync<JsonElement>("/api/models/recommender");
        Assert.Equal(2, versions.GetProperty("currentVersion").GetInt32());
        Assert.Equal([2, 1], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var newest = versions.GetProperty("versions")[0];
        Assert.Equal(events.Count, newest.GetProperty("interactions").GetInt64());
        Assert.True(newest.GetProperty("metrics").GetProperty("ndcg10").GetDouble() > newest.GetProperty("popularityMetrics").GetProperty("ndcg10").GetDouble());

        var rollback = await client.PostAsync("/api/models/recommender/rollback/1", null);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/models/recommender")).GetProperty("currentVersion").GetInt32());
        var unknown = await AssertProblemAsync(await client.PostAsync("/api/models/recommender/rollback/7", null), HttpStatusCode.NotFound);
        Assert.Contains("kept versions: 2, 1", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/users/u1/recommendations?count=0", "count", "between 1 and 100")]
    [InlineData("/api/users/u1/recommendations?count=101", "count", "between 1 and 100")]
    [InlineData("/api/users/u1/recommendations?count=abc", "count", "between 1 and 100")]
    [InlineData("/api/users/%01/recommendations", "id", "control")]
    [InlineData("/api/products/popular?count=-1", "count", "between 1 and 100")]
    public async Task Bad_query_values_get_a_problem_naming_the_field(string url, string field, string reason)
    {
        using var client = _api.CreateClient();
        await AssertInvalidAsync(await client.GetAsync(url), field, reason);
    }

    [Fact]
    public async Task Rollback_needs_the_api_key_and_a_positive_version()
    {
        using var anonymous = _api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/models/recommender/rollback/1", null)).StatusCode);
        using var client = _api.CreateAuthorizedClient();
        await AssertInvalidAsync(await client.PostAsync("/api/models/recommender/rollback/zero", null), "version", "positive integer");
        var none = await AssertProblemAsync(await client.PostAsync("/api/models/recommender/rollback/1", null), HttpStatusCode.NotFound);
        Assert.Contains("no model has been trained yet", none.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_user_events_are_refused_at_ingest_naming_the_field()
    {
        using var client = _api.CreateAuthorizedClient();
        var response = await client.PostAsync("/api/streams/user-events/events", Json("""
            {"events":[{"key":"u1","value":{"userId":"u1","productId":"p1","kind":"like","timestamp":"2026-01-01T00:00:00Z"}},
                       {"key":"u1","value":{"userId":"u1","productId":"p1","kind":"click","timestamp":"1970-01-01T00:00:00Z"}},
                       {"key":"u1","value":{"userId":"u1","kind":"click","timestamp":"2026-01-01T00:00:00Z"}}]}
            """));
        var body = await AssertInvalidAsync(response, "events[1].value.timestamp", "outside the accepted range");
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("events[0].value.kind", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("events[2].value.productId", out _), errors.ToString());
    }
}
