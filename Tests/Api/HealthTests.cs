using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class HealthTests(ApiHostFixture api)
{
    [Fact]
    public async Task Health_reports_the_stream_log_check()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        // "self" is the liveness check of AddServiceDefaults (also served alone at /alive).
        var checks = body.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["self", "stream-log"], checks.Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var check = checks.Single(c => c.GetProperty("name").GetString() == "stream-log");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Contains("the stream log answers", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
