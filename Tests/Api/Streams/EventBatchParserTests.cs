using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Serialization;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api.Streams;

/// <summary>The parser against the test grains' subscriptions ("counts": validated amounts, "tagged": routed by tag).</summary>
public class EventBatchParserTests
{
    [Fact]
    public async Task A_value_that_routes_to_an_invalid_grain_key_is_rejected_on_the_value()
    {
        await using var silo = TestSilo.Start();
        var parser = Parser(silo);
        var errors = new RequestErrors();

        var records = parser.Parse("tagged", """{"events":[{"key":"p1","value":{"text":"ok","tags":["fine"]}},{"key":"p2","value":{"text":"x","tags":["fine",""]}}]}"""u8, errors);

        Assert.Null(records);
        var reasons = Assert.Single(errors.ToDictionary());
        Assert.Equal("events[1].value", reasons.Key);
        Assert.Contains("routes to TagGrain key '', which is not a valid grain key: a grain key must not be empty", Assert.Single(reasons.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_events_become_records_with_their_exact_bytes_keys_and_headers()
    {
        await using var silo = TestSilo.Start();
        var parser = Parser(silo);
        var errors = new RequestErrors();

        var records = parser.Parse("counts", """{"events":[{"key":"a","value":{"amount": 4},"headers":{"h":"v"}},{"key":"b","value":{"amount":0}}]}"""u8, errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(records);
        Assert.Equal(["a", "b"], records.Select(r => r.Key));
        Assert.Equal("""{"amount": 4}""", System.Text.Encoding.UTF8.GetString(records[0].Value.Span));
        Assert.Equal("v", records[0].Headers!["h"]);
    }

    [Fact]
    public async Task A_batch_with_thousands_of_bad_events_reports_a_bounded_number_of_fields()
    {
        await using var silo = TestSilo.Start();
        var parser = Parser(silo);
        var errors = new RequestErrors();
        var body = "{\"events\":[" + string.Join(',', Enumerable.Repeat("""{"key":"a","value":{"amount":-1}}""", 500)) + "]}";

        Assert.Null(parser.Parse("counts", System.Text.Encoding.UTF8.GetBytes(body), errors));

        Assert.True(errors.Truncated);
        Assert.Equal(RequestErrors.MaxFields, errors.ToDictionary().Count);
        Assert.Equal("must be zero or positive", errors.ToDictionary()["events[99].value.amount"].Single());
    }

    private static EventBatchParser Parser(TestSilo silo) => new(
        silo.Services.GetRequiredService<GrainSerializer>(),
        ActivatorUtilities.CreateInstance<StreamSubscriptionRegistry>(silo.Services),
        Options.Create(new ApiOptions { MaxEventsPerBatch = 1000 }));
}
