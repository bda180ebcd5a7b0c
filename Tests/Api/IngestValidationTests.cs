using System.Net;
using System.Net.Http.Json;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class IngestValidationTests(ApiHostFixture api)
{
    private const string Counters = "counter-events";
    private const string Raw = "raw-events";

    public static TheoryData<string, string, string, string> BadBodies => new()
    {
        // topic, body, field, reason fragment
        { Counters, """{"events":[{"key":"a","value":{"amount":1}}""", "body", "malformed JSON at line 1, byte 44" },
        { Counters, "{\n  \"events\": [\n    {\"key\": \"a\", \"value\": {\"amount\": 1},}\n  ]\n}", "body", "malformed JSON at line 3" },
        { Counters, """{"events":[{"key":"a","value":{"amount":NaN}}]}""", "body", "malformed JSON" },
        { Raw, """{"events":[{"key":"a","value":Infinity}]}""", "body", "malformed JSON" },
        { Raw, """{"events":[{"key":"a","value":-Infinity}]}""", "body", "malformed JSON" },
        { Raw, """{"events":[{"key":"a","value":1}]} trailing""", "body", "malformed JSON" },
        { Raw, """{"events":[{"key":"a","key":"b","value":1}]}""", "events[0].key", "Duplicate" },
        { Counters, """{"events":[{"key":"a","value":{"amount":"x"}}]}""", "events[0].value.amount", "must be an integer" },
        { Counters, """{"events":[{"key":"a","value":{"amount":"NaN"}}]}""", "events[0].value.amount", "must be an integer" },
        { Counters, """{"events":[{"key":"a","value":{"amount":1e400}}]}""", "events[0].value.amount", "must be an integer" },
        { Counters, """{"events":[{"key":"a","value":{"amount":1.5}}]}""", "events[0].value.amount", "must be an integer" },
        { Counters, """{"events":[{"key":"a","value":{"amount":-1}}]}""", "events[0].value.amount", "must be between 0 and 1000000000000 (got -1)" },
        { Counters, """{"events":[{"key":"a","value":{}}]}""", "events[0].value.amount", "is required" },
        { Counters, """{"events":[{"key":"a","value":"text"}]}""", "events[0].value", "must be an object" },
        { Counters, """{"events":[{"key":5,"value":{"amount":1}}]}""", "events[0].key", "must be a string" },
        { Counters, """{"events":{"key":"a"}}""", "events", "must be an array" },
        { Counters, """{"events":[{"key":"a","value":{"amount":1},"headers":{"trace":7}}]}""", "events[0].headers.trace", "must be a string" },
        { Counters, """{"events":[{"key":"a","value":{"amount":1},"headers":["x"]}]}""", "events[0].headers", "must be an object" },
        { Counters, """{"events":[{"key":"a","value":{"amount":1},"partition":2}]}""", "events[0].partition", "is not a known field" },
        { Counters, """{}""", "events", "is required" },
        { Counters, """{"events":null}""", "events", "is required" },
        { Counters, """{"events":[{"value":{"amount":1}}]}""", "events[0].key", "is required" },
        { Counters, """{"events":[{"key":"a"}]}""", "events[0].value", "is required" },
        { Raw, """{"events":[{"key":"a","value":null}]}""", "events[0].value", "is required" },
        { Counters, """{"events":[null]}""", "events[0]", "not null" },
        { Counters, """{"events":[]}""", "events", "must contain at least one event" },
        { Counters, """{"events":[{"key":"","value":{"amount":1}}]}""", "events[0].key", "must not be empty" },
        { Counters, """{"events":[{"key":"a\u0001b","value":{"amount":1}}]}""", "events[0].key", "control characters (found U+0001)" },
        { Counters, $$$"""{"events":[{"key":"{{{new string('k', 513)}}}","value":{"amount":1}}]}""", "events[0].key", "at most 512 characters (got 513)" },
        { Counters, """[]""", "body", "must be an object" },
        { Counters, """null""", "body", "not null" },
        { Counters, "", "body", "empty" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_a_validation_problem_naming_the_field_and_nothing_is_appended(string topic, string body, string field, string reason)
    {
        using var client = api.CreateAuthorizedClient();
        var before = await api.EndOffsetsAsync(topic);

        var response = await client.PostAsync($"/api/streams/{topic}/events", JsonBodies.Json(body));

        await Problems.AssertInvalidAsync(response, field, reason);
        Assert.Equal(before, await api.EndOffsetsAsync(topic));
    }

    [Theory]
    [InlineData("user-events", """{"userId":"u1","productId":"p1","kind":"like","timestamp":"2026-03-01T00:00:00Z"}""", "kind", "'like' is not one of view, click, purchase")]
    [InlineData("posts", """{"postId":"p1","author":"a","text":"hi","timestamp":"2026-03-01T00:00:00Z","label":"meh"}""", "label", "'meh' is not one of negative, neutral, positive")]
    [InlineData("user-events", """{"userId":"u1","productId":"p1","kind":7,"timestamp":"2026-03-01T00:00:00Z"}""", "kind", "'7' is not one of view, click, purchase.")]
    public async Task An_unknown_enum_value_is_named_with_the_accepted_values(string topic, string value, string field, string reason)
    {
        using var client = api.CreateAuthorizedClient();

        var response = await client.PostAsync($"/api/streams/{topic}/events", JsonBodies.Json($$"""{"events":[{"key":"k1","value":{{value}}}]}"""));

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.Equal([$"events[0].value.{field}"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal([reason], errors.GetProperty($"events[0].value.{field}").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_control_character_in_a_posts_text_is_reported_once()
    {
        using var client = api.CreateAuthorizedClient();

        var response = await client.PostAsync("/api/streams/posts/events", JsonBodies.Json(
            """{"events":[{"key":"p1","value":{"postId":"p1","author":"a","text":"bad \u0001 #text","timestamp":"2026-03-01T00:00:00Z"}}]}"""));

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.Equal(["events[0].value.text"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(["has control character U+0001 at index 4."], errors.GetProperty("events[0].value.text").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Every_bad_event_of_a_batch_is_reported_and_the_good_ones_are_not_appended()
    {
        using var client = api.CreateAuthorizedClient();
        var before = await api.EndOffsetsAsync(Counters);
        var events = Enumerable.Range(0, 6).Select(i => new { key = $"mixed-{i}", value = new { amount = i == 3 ? -7 : i } }).ToList<object>();
        events[1] = new { value = new { amount = 1 } };

        var response = await client.PostAsJsonAsync($"/api/streams/{Counters}/events", new { events });

        var body = await Problems.AssertInvalidAsync(response, "events[3].value.amount", "(got -7)");
        await Problems.AssertInvalidAsync(response, "events[1].key", "is required");
        Assert.Equal(2, body.GetProperty("errors").EnumerateObject().Count());
        Assert.Equal(before, await api.EndOffsetsAsync(Counters));
    }

    [Fact]
    public async Task Too_many_events_are_rejected_with_the_limit()
    {
        using var client = api.CreateAuthorizedClient();
        var events = Enumerable.Range(0, ApiFactory.MaxEventsPerBatch + 1).Select(i => new { key = $"k{i}", value = i }).ToList();

        var response = await client.PostAsJsonAsync($"/api/streams/{Raw}/events", new { events });

        await Problems.AssertInvalidAsync(response, "events", $"at most {ApiFactory.MaxEventsPerBatch} events are accepted per batch (got {ApiFactory.MaxEventsPerBatch + 1})");
    }

    [Fact]
    public async Task An_invalid_topic_name_is_a_validation_problem_on_topic()
    {
        using var client = api.CreateAuthorizedClient();

        var response = await client.PostAsync("/api/streams/bad%20topic/events", JsonBodies.Json("""{"events":[{"key":"a","value":1}]}"""));

        await Problems.AssertInvalidAsync(response, "topic", "may contain only ASCII letters, digits, '.', '_' and '-' (found ' ')");
    }

    [Fact]
    public async Task An_unknown_topic_is_404_naming_the_topic()
    {
        using var client = api.CreateAuthorizedClient();

        var response = await client.PostAsync("/api/streams/no-such-topic/events", JsonBodies.Json("""{"events":[{"key":"a","value":1}]}"""));

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("no-such-topic", body.GetProperty("topic").GetString());
        Assert.Contains("'no-such-topic'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_it_declares_its_length_or_is_chunked()
    {
        using var client = api.CreateAuthorizedClient();
        var before = await api.EndOffsetsAsync(Raw);
        var big = $$"""{"events":[{"key":"a","value":"{{new string('x', ApiFactory.MaxRequestBodyBytes)}}"}]}""";

        var declared = await client.PostAsync($"/api/streams/{Raw}/events", JsonBodies.Json(big));
        var chunked = await client.PostAsync($"/api/streams/{Raw}/events", JsonBodies.Chunked(big));

        var declaredBody = await Problems.AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"at most {ApiFactory.MaxRequestBodyBytes} bytes", declaredBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var chunkedBody = await Problems.AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(ApiFactory.MaxRequestBodyBytes, chunkedBody.GetProperty("limit").GetInt64());
        Assert.Equal(before, await api.EndOffsetsAsync(Raw));
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_accepted()
    {
        using var client = api.CreateAuthorizedClient();

        var response = await client.PostAsync($"/api/streams/{Raw}/events", JsonBodies.Chunked("""{"events":[{"key":"chunked","value":[1,2,3]}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_non_json_content_type_is_415(string? contentType)
    {
        using var client = api.CreateAuthorizedClient();
        var content = new ByteArrayContent("""{"events":[{"key":"a","value":1}]}"""u8.ToArray());
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await client.PostAsync($"/api/streams/{Raw}/events", content);

        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
