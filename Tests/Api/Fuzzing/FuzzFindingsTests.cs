using System.Net;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// One regression test per 5xx (or non-ProblemDetails error) the hostile-input fuzzer found, each fixed at its source.
/// </summary>
[Collection(ApiCollection.Name)]
public class FuzzFindingsTests(ApiHostFixture api)
{
    [Theory]
    [InlineData("/api/cameras/%20/latest", "id")]
    [InlineData("/api/cameras/%20%20/latest.jpg", "id")]
    [InlineData("/api/users/%20/recommendations", "id")]
    [InlineData("/api/counters/%09%20", "key")]
    public async Task A_whitespace_only_grain_key_gets_a_400_naming_the_field_not_a_500(string path, string field)
    {
        using var client = api.CreateAuthorizedClient();

        // Orleans' GetGrain throws ArgumentException for such keys; GrainKeys.Validate now refuses them first.
        await Problems.AssertInvalidAsync(await client.GetAsync(path), field, "only whitespace");
    }

    [Fact]
    public async Task An_event_with_a_whitespace_only_key_is_refused_at_ingest()
    {
        using var client = api.CreateAuthorizedClient();
        var before = await api.EndOffsetsAsync("counter-events");

        var response = await client.PostAsync("/api/streams/counter-events/events", JsonBodies.Json("""{"events":[{"key":"   ","value":{"amount":1}}]}"""));

        await Problems.AssertInvalidAsync(response, "events[0].key", "only whitespace");
        Assert.Equal(before, await api.EndOffsetsAsync("counter-events"));
    }

    [Theory]
    [InlineData("SiloStats/1", "address")]
    [InlineData("SiloProperties/x", "address")]
    [InlineData("SiloCounters/-1", "address")]
    [InlineData("SiloMetadata/%FF", "address")]
    [InlineData("SiloStats/10.0.0.1:11111@1", "address")]
    [InlineData("HistoricalStats/1e9", "path")]
    public async Task An_orleans_dashboard_route_with_a_bad_or_unknown_silo_address_gets_a_400_naming_the_active_silos(string route, string field)
    {
        using var client = api.CreateAuthorizedClient();

        var body = await Problems.AssertInvalidAsync(await client.GetAsync($"/orleans/{route}"), field, "is not an active silo of the cluster; expected one of ");

        Assert.Contains("@", body.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orleans_dashboard_route_with_an_active_silo_address_still_answers()
    {
        using var client = api.CreateAuthorizedClient();
        var refused = await Problems.AssertInvalidAsync(await client.GetAsync("/orleans/SiloStats/x"), "address", "expected one of ");
        var message = refused.GetProperty("errors").GetProperty("address")[0].GetString()!;
        var silo = message[(message.IndexOf("expected one of ", StringComparison.Ordinal) + "expected one of ".Length)..].Split(' ')[0].TrimEnd(',');

        using var response = await client.GetAsync($"/orleans/SiloStats/{silo}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_openapi_document_gets_a_problem_details_404()
    {
        using var client = api.CreateClient();

        var body = await Problems.AssertProblemAsync(await client.GetAsync("/openapi/v2.json"), HttpStatusCode.NotFound);

        Assert.Contains("/openapi/v1.json", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_bad_value_is_named_in_a_400_not_a_500()
    {
        using var client = api.CreateAuthorizedClient();

        // Describing the bad value read it back with JsonElement.GetString, which throws InvalidOperationException on "\uDC00".
        var sentiment = await client.PostAsync("/api/sentiment", JsonBodies.Json("""{"text":"\uDC00"}"""));
        var ingest = await client.PostAsync("/api/streams/user-events/events", JsonBodies.Json(
            """{"events":[{"key":"u1","value":{"userId":"u1","productId":"p1","kind":"\uD800","timestamp":"2026-03-01T00:00:00Z"}}]}"""));

        await Problems.AssertInvalidAsync(sentiment, "text", "must be a string");
        await Problems.AssertInvalidAsync(ingest, "events[0].value.kind", "is not one of view, click, purchase");
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_bad_value_gets_a_400_not_a_500()
    {
        using var client = api.CreateAuthorizedClient();
        byte[] body = [.. "{\"text\":5,\"x\":\"a"u8, 0xC3, 0x28, .. "\"}"u8];

        // Reading the bad value back for the message transcoded the whole document, which throws on invalid UTF-8.
        var response = await client.PostAsync("/api/sentiment", new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_multipart_enrolment_without_its_closing_boundary_gets_a_400_naming_the_body()
    {
        using var client = api.CreateAuthorizedClient();
        var content = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"images\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\u00ff\u00d8"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        var response = await client.PostAsync("/api/faces/alice", content);

        await Problems.AssertInvalidAsync(response, "body", "The multipart body cannot be read");
    }

    [Fact]
    public async Task The_dead_letter_topic_takes_no_ingest_and_a_foreign_record_in_it_does_not_break_the_listing()
    {
        using var client = api.CreateAuthorizedClient();

        // Before: the API appended any JSON to "dead-letters", and every later listing failed to decode it (500 for good).
        var refused = await client.PostAsync("/api/streams/dead-letters/events", JsonBodies.Json("""{"events":[{"key":"k","value":[1]}]}"""));
        await api.Log.AppendAsync("dead-letters", [new StreamOrleans.Streaming.Log.StreamRecord("k", "[1]"u8.ToArray())]);   // as a plain producer could
        using var listing = await client.GetAsync("/api/streams/dead-letters");

        await Problems.AssertInvalidAsync(refused, "topic", "is the dead-letter topic");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
    }
}
