using System.Net;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class ApiKeyTests(ApiHostFixture api)
{
    public static TheoryData<string, string, string?> AdminRoutes => new()
    {
        { "POST", "/api/streams/raw-events/events", """{"events":[{"key":"a","value":1}]}""" },
        { "POST", "/api/streams/raw-events/consumers/audit/seek", """{"to":"earliest"}""" },
        { "GET", "/api/streams/dead-letters", null },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Ingest_and_admin_routes_need_the_configured_key(string method, string path, string? body)
    {
        using var anonymous = api.CreateClient();
        using var wrong = api.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.ApiKey + "x");
        using var right = api.CreateAuthorizedClient();
        var before = await api.EndOffsetsAsync("raw-events");

        var missing = await Problems.AssertProblemAsync(await SendAsync(anonymous, method, path, body), HttpStatusCode.Unauthorized);
        var mismatched = await Problems.AssertProblemAsync(await SendAsync(wrong, method, path, body), HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EndOffsetsAsync("raw-events"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(right, method, path, body)).StatusCode);

        Assert.Contains("X-Api-Key", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not match", mismatched.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_routes_need_no_key()
    {
        using var anonymous = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/streams/counter-events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/counters/anyone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonBodies.Json(body) });
}
