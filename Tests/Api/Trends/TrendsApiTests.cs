using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static StreamOrleans.Tests.Api.JsonBodies;
using static StreamOrleans.Tests.Api.Problems;

namespace StreamOrleans.Tests.Api.Trends;

[Collection(ApiCollection.Name)]
public class TrendsApiTests(ApiHostFixture api)
{
    [Fact]
    public async Task Posts_in_give_a_topic_with_sentiment_and_a_place_in_the_trends()
    {
        using var client = api.CreateAuthorizedClient();
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 6).Select(i => new
        {
            key = $"api-post-{i}",
            value = new { postId = $"api-post-{i}", author = "tester", text = $"I love the new #ApiTopic release {i}, wonderful!", timestamp = now.AddSeconds(-i) },
        });
        var ingest = await client.PostAsJsonAsync("/api/streams/posts/events", new { events });
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        await api.WaitUntilCommittedAsync("posts");

        var topic = await client.GetFromJsonAsync<JsonElement>("/api/topics/apitopic?minutes=5");
        Assert.Equal("#apitopic", topic.GetProperty("topic").GetString());
        Assert.Equal(6, topic.GetProperty("totalPosts").GetInt64());
        Assert.Equal(6, topic.GetProperty("sentiment").GetProperty("positive").GetInt64());
        Assert.Equal(5, topic.GetProperty("timeline").GetArrayLength());
        Assert.Equal(6, topic.GetProperty("timeline").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()));
        Assert.Contains(topic.GetProperty("cooccurringTerms").EnumerateArray(), t => t.GetProperty("term").GetString() == "release");

        var trends = await client.GetFromJsonAsync<JsonElement>("/api/trends?window=1h&limit=5");
        Assert.Equal("1h", trends.GetProperty("window").GetString());
        var mine = trends.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "#apitopic");
        Assert.Equal(6, mine.GetProperty("volume").GetInt64());
        Assert.True(mine.GetProperty("sentiment").GetDouble() > 0.5);
    }

    [Theory]
    [InlineData("/api/trends?window=2m", "window", "1m, 5m, 1h")]
    [InlineData("/api/trends?limit=0", "limit", "between 1 and 100")]
    [InlineData("/api/trends?limit=abc", "limit", "between 1 and 100")]
    [InlineData("/api/topics/ai?minutes=181", "minutes", "between 1 and 180")]
    public async Task Bad_query_values_get_a_problem_naming_the_field(string url, string field, string reason)
    {
        using var client = api.CreateClient();
        await AssertInvalidAsync(await client.GetAsync(url), field, reason);
    }

    [Fact]
    public async Task An_unknown_topic_is_a_404_problem()
    {
        using var client = api.CreateClient();
        var body = await AssertProblemAsync(await client.GetAsync("/api/topics/never-posted-about"), HttpStatusCode.NotFound);
        Assert.Contains("never-posted-about", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sentiment_scores_any_text_with_lexicon_learned_and_combined_parts()
    {
        using var client = api.CreateClient();
        var response = await client.PostAsync("/api/sentiment", Json("""{"text":"This is AWESOME!!! :)"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("lexicon").GetDouble() > 0.5);
        Assert.Equal("positive", body.GetProperty("label").GetString());
        Assert.True(body.TryGetProperty("learned", out _));
        Assert.True(body.TryGetProperty("combined", out _));
    }

    [Fact]
    public async Task The_sentiment_model_route_says_which_learned_model_serves_and_lists_its_versions()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync("/api/models/sentiment");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("served").GetString(), new[] { "mlnet", "ftrl" });
        Assert.Equal(JsonValueKind.Array, body.GetProperty("versions").ValueKind);
        Assert.True(body.TryGetProperty("windowMacroF1", out _));
    }

    [Theory]
    [InlineData("""{}""", "text", "must not be empty")]
    [InlineData("""{"text":""}""", "text", "must not be empty")]
    [InlineData("""{"text":5}""", "text", "string")]
    [InlineData("""{"text":"bad \u0007 bell"}""", "text", "U+0007")]
    [InlineData("""{"text":"ok","extra":1}""", "extra", "")]
    [InlineData("""{"text":"ok" """, "body", "malformed JSON")]
    public async Task Bad_sentiment_requests_get_a_problem_naming_the_field(string json, string field, string reason)
    {
        using var client = api.CreateClient();
        await AssertInvalidAsync(await client.PostAsync("/api/sentiment", Json(json)), field, reason);
    }

    [Fact]
    public async Task Invalid_posts_are_refused_at_ingest_naming_the_field()
    {
        using var client = api.CreateAuthorizedClient();
        var text = new string('x', 2001);
        var response = await client.PostAsync("/api/streams/posts/events", Json($$$"""
            {"events":[{"key":"p","value":{"postId":"p","author":"a","text":"{{{text}}}","timestamp":"2026-03-01T00:00:00Z"}},
                       {"key":"q","value":{"postId":"q","author":"a","text":"hi","timestamp":"2026-03-01T00:00:00Z","label":"angry"}}]}
            """));
        var body = await AssertInvalidAsync(response, "events[0].value.text", "at most 2000");
        Assert.True(body.GetProperty("errors").TryGetProperty("events[1].value.label", out _), body.ToString());
    }
}
