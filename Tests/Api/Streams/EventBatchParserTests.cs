using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Streams;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api.Streams;

/// <summary>
/// The parser against the production silo's topics: "counter-events" (validated amounts) and "posts" (routed by
/// <c>PostRouter</c> to one stream per hashtag), as the silo's stream provider declares them.
/// </summary>
public sealed class EventBatchParserTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public void A_value_that_routes_to_an_invalid_grain_key_is_rejected_on_the_value()
    {
        var errors = new RequestErrors();
        var tag = new string('a', 600);
        var body = $$$"""
            {"events":[{"key":"p1","value":{"postId":"p1","author":"a","text":"fine #ok","timestamp":"2026-03-01T00:00:00Z"}},
                       {"key":"p2","value":{"postId":"p2","author":"a","text":"long #{{{tag}}}","timestamp":"2026-03-01T00:00:00Z"}}]}
            """;

        var records = Parser().Parse("posts", System.Text.Encoding.UTF8.GetBytes(body), errors);

        Assert.Null(records);
        var reasons = Assert.Single(errors.ToDictionary());
        Assert.Equal("events[1].value", reasons.Key);
        Assert.Equal($"routes to stream 'posts' key '#{tag}', which is not a valid grain key: a grain key is at most 512 characters (got 601)", Assert.Single(reasons.Value));
    }

    [Theory]
    [InlineData("bad \\u0001 #text", "events[0].value.text", "has control character U+0001 at index 4.")]
    [InlineData("#te\\u0001xt is a tag", "events[0].value.text", "has control character U+0001 at index 3.")]
    [InlineData("raw \u0001 byte", "body", "malformed JSON at line 1, byte 72: '0x01' is invalid within a JSON string. The string should be correctly escaped.")]
    public void A_control_character_in_a_posts_text_is_reported_once_on_one_field(string text, string field, string reason)
    {
        var errors = new RequestErrors();
        var body = $$$"""{"events":[{"key":"p1","value":{"postId":"p1","author":"a","text":"{{{text}}}","timestamp":"2026-03-01T00:00:00Z"}}]}""";

        Assert.Null(Parser().Parse("posts", System.Text.Encoding.UTF8.GetBytes(body), errors));

        var reasons = Assert.Single(errors.ToDictionary());
        Assert.Equal((field, reason), (reasons.Key, Assert.Single(reasons.Value)));
    }

    [Fact]
    public void Valid_events_become_records_with_their_exact_bytes_keys_and_headers()
    {
        var errors = new RequestErrors();

        var records = Parser().Parse("counter-events", """{"events":[{"key":"a","value":{"amount": 4},"headers":{"h":"v"}},{"key":"b","value":{"amount":0}}]}"""u8, errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(records);
        Assert.Equal(["a", "b"], records.Select(r => r.Key));
        Assert.Equal("""{"amount": 4}""", System.Text.Encoding.UTF8.GetString(records[0].Value.Span));
        Assert.Equal("v", records[0].Headers!["h"]);
    }

    [Fact]
    public void A_batch_with_thousands_of_bad_events_reports_a_bounded_number_of_fields()
    {
        var errors = new RequestErrors();
        var body = "{\"events\":[" + string.Join(',', Enumerable.Repeat("""{"key":"a","value":{"amount":-1}}""", 500)) + "]}";

        Assert.Null(Parser().Parse("counter-events", System.Text.Encoding.UTF8.GetBytes(body), errors));

        Assert.True(errors.Truncated);
        Assert.Equal(RequestErrors.MaxFields, errors.ToDictionary().Count);
        Assert.Equal("must be between 0 and 1000000000000 (got -1)", errors.ToDictionary()["events[99].value.amount"].Single());
    }

    [Fact]
    public void A_topic_the_silo_does_not_consume_takes_any_json_value()
    {
        var errors = new RequestErrors();

        var records = Parser().Parse("raw-anything", """{"events":[{"key":"a","value":{"amount":-1}},{"key":"b","value":"text"}]}"""u8, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(["""{"amount":-1}""", "\"text\""], records!.Select(r => System.Text.Encoding.UTF8.GetString(r.Value.Span)));
    }

    private EventBatchParser Parser() => new(
        _silo.Services.GetRequiredService<IOptionsMonitor<LogStreamOptions>>(),
        _silo.Services,
        Options.Create(new ApiOptions { MaxEventsPerBatch = 1000 }));
}
