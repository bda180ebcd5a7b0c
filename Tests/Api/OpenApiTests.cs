using System.Net.Http.Json;
using System.Text.Json;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class OpenApiTests(ApiHostFixture api)
{
    [Fact]
    public async Task The_openapi_document_lists_every_route_with_its_name_and_summary()
    {
        using var client = api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        Assert.Equal(
            [
                ("/api/cameras", "get", "ListCameras"),
                ("/api/cameras/{id}/frames", "post", "PostCameraFrame"),
                ("/api/cameras/{id}/latest", "get", "GetCameraLatest"),
                ("/api/cameras/{id}/latest.jpg", "get", "GetCameraLatestJpeg"),
                ("/api/counters/{key}", "get", "GetCounter"),
                ("/api/dashboard/events", "get", "GetDashboardEvents"),
                ("/api/dashboard/features", "get", "GetDashboardFeatures"),
                ("/api/dashboard/snapshot", "get", "GetSystemSnapshot"),
                ("/api/faces", "get", "ListFaces"),
                ("/api/faces/{name}", "delete", "RemoveFace"),
                ("/api/faces/{name}", "post", "EnrolFace"),
                ("/api/models/recommender", "get", "GetRecommenderModel"),
                ("/api/models/recommender/rollback/{version}", "post", "RollbackRecommenderModel"),
                ("/api/models/recommender/search", "post", "SearchRecommenderModel"),
                ("/api/models/sentiment", "get", "GetSentimentModel"),
                ("/api/products/popular", "get", "GetPopularProducts"),
                ("/api/sentiment", "post", "ScoreSentiment"),
                ("/api/streams/dead-letters", "get", "GetDeadLetters"),
                ("/api/streams/{topic}", "get", "GetTopic"),
                ("/api/streams/{topic}/consumers/{group}/seek", "post", "SeekConsumerGroup"),
                ("/api/streams/{topic}/events", "post", "AppendEvents"),
                ("/api/topics/{topic}", "get", "GetTrendTopic"),
                ("/api/trends", "get", "GetTrends"),
                ("/api/users/{id}/recommendations", "get", "GetUserRecommendations"),
                ("/health", "get", "GetHealth"),
                ("/health/live", "get", "GetLiveness"),
                ("/health/ready", "get", "GetReadiness"),
            ],
            operations.Select(o => (o.Path, o.Method, o.Operation.GetProperty("operationId").GetString()!)).Order());
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("summary").GetString())));

        var limit = operations.Single(o => o.Operation.GetProperty("operationId").GetString() == "GetDeadLetters").Operation
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "limit").GetProperty("schema");
        Assert.Equal(("integer", 1, ApiFactory.MaxDeadLetters), (limit.GetProperty("type").GetString(), limit.GetProperty("minimum").GetInt32(), limit.GetProperty("maximum").GetInt32()));

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        var secured = operations.Where(o => o.Operation.TryGetProperty("security", out _)).Select(o => o.Operation.GetProperty("operationId").GetString()).Order();
        Assert.Equal(["AppendEvents", "EnrolFace", "GetDeadLetters", "PostCameraFrame", "RemoveFace", "RollbackRecommenderModel", "SearchRecommenderModel", "SeekConsumerGroup"], secured);

        var append = operations.Single(o => o.Operation.GetProperty("operationId").GetString() == "AppendEvents").Operation;
        Assert.True(append.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var status in new[] { "200", "400", "401", "404", "413", "415" })
        {
            Assert.True(append.GetProperty("responses").TryGetProperty(status, out _), $"AppendEvents does not document {status}");
        }
    }
}
