using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class SeekTests(ApiHostFixture api)
{
    public static TheoryData<string, string, string, string> BadSeeks => new()
    {
        // group, body, field, reason fragment
        { "audit", """{}""", "to", "one of 'to' (\"earliest\" or \"latest\"), 'offset' or 'timestamp' is required" },
        { "audit", """{"partition":0}""", "to", "is required" },
        { "audit", """{"to":"earliest","offset":1}""", "offset", "give only one of 'to', 'offset' or 'timestamp' (got 'to', 'offset')" },
        { "audit", """{"offset":1,"timestamp":"2026-01-01T00:00:00Z"}""", "timestamp", "give only one" },
        { "audit", """{"to":"middle"}""", "to", "must be \"earliest\" or \"latest\" (got \"middle\")" },
        { "audit", """{"offset":-1}""", "offset", "must be zero or positive (got -1)" },
        { "audit", """{"to":"earliest","partition":99}""", "partition", "partition 99 does not exist: topic 'counter-events' has partitions 0..3" },
        { "audit", """{"to":"earliest","partition":-1}""", "partition", "partition -1 does not exist" },
        { "grains", """{"offset":0,"resetState":true}""", "resetState", "cannot be combined with 'offset'" },
        { "grains", """{"to":"earliest","partition":0,"resetState":true}""", "resetState", "cannot be combined with 'partition'" },
        { "audit", """{"to":"earliest","resetState":true}""", "resetState", "only the silo's consumer group 'grains' has grain state to reset" },
        { "audit", """{"timestamp":"yesterday"}""", "timestamp", "must be an ISO-8601 date and time" },
        { "audit", """{"offset":"5"}""", "offset", "must be an integer (64-bit)" },
        { "audit", """{"to":"earliest","resetState":"yes"}""", "resetState", "must be true or false" },
        { "audit", """{"to":"earliest","partition":1.5}""", "partition", "must be an integer (32-bit)" },
        { "audit", """{"to":"earliest","from":"now"}""", "from", "is not a known field" },
        { "audit", """{"to":"earliest" """, "body", "malformed JSON at line 1" },
        { "audit", "", "body", "empty" },
        { "bad group", """{"to":"earliest"}""", "group", "may contain only ASCII letters, digits, '.', '_' and '-' (found ' ')" },
    };

    [Theory]
    [MemberData(nameof(BadSeeks))]
    public async Task A_bad_seek_gets_a_validation_problem_naming_the_field_and_moves_nothing(string group, string body, string field, string reason)
    {
        using var client = api.CreateAuthorizedClient();
        var before = await api.Log.GetCommittedOffsetsAsync(group.Trim(), "counter-events");

        var response = await client.PostAsync($"/api/streams/counter-events/consumers/{Uri.EscapeDataString(group)}/seek", JsonBodies.Json(body));

        await Problems.AssertInvalidAsync(response, field, reason);
        Assert.Equal(before, await api.Log.GetCommittedOffsetsAsync(group.Trim(), "counter-events"));
    }

    [Fact]
    public async Task Seeking_an_unknown_topic_is_404_and_a_non_json_body_is_415()
    {
        using var client = api.CreateAuthorizedClient();

        var unknown = await client.PostAsync("/api/streams/nowhere/consumers/audit/seek", JsonBodies.Json("""{"to":"earliest"}"""));
        var text = await client.PostAsync("/api/streams/counter-events/consumers/audit/seek", new StringContent("to=earliest"));

        Assert.Equal("nowhere", (await Problems.AssertProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("topic").GetString());
        await Problems.AssertProblemAsync(text, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Seek_moves_a_group_to_an_offset_the_end_or_a_time_and_returns_the_new_offsets()
    {
        using var client = api.CreateAuthorizedClient();
        await client.PostAsJsonAsync("/api/streams/raw-events/events", new { events = Enumerable.Range(0, 8).Select(i => new { key = $"seek-{i}", value = i }) });
        var ends = await api.EndOffsetsAsync("raw-events");

        var one = await SeekAsync(client, "seek-audit", """{"offset":1,"partition":1}""");
        Assert.Equal([(1, 1L)], one);
        var info = await client.GetFromJsonAsync<JsonElement>("/api/streams/raw-events");
        var audit = info.GetProperty("consumerGroups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "seek-audit");
        Assert.Equal(1, audit.GetProperty("partitions")[1].GetProperty("committedOffset").GetInt64());

        Assert.Equal(ends.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)), await SeekAsync(client, "seek-audit", """{"to":"latest"}"""));
        Assert.Equal(ends.OrderBy(e => e.Key).Select(e => (e.Key, e.Value)), await SeekAsync(client, "seek-audit", """{"timestamp":"2999-01-01T00:00:00Z"}"""));
        Assert.All(await SeekAsync(client, "seek-audit", """{"to":"EARLIEST"}"""), o => Assert.Equal(0, o.Offset));
    }

    [Fact]
    public async Task Rewinding_the_silo_group_with_reset_state_rebuilds_the_same_totals()
    {
        using var client = api.CreateAuthorizedClient();
        var keys = Enumerable.Range(0, 8).Select(i => $"rebuild-{i}").ToList();
        for (var round = 1; round <= 2; round++)
        {
            var response = await client.PostAsJsonAsync("/api/streams/counter-events/events", new { events = keys.Select((k, i) => new { key = k, value = new { amount = (round * 10) + i } }) });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await api.WaitUntilCommittedAsync("counter-events");
        var before = await TotalsAsync(client, keys);
        Assert.Equal(keys.Select((_, i) => (2L, 30L + (2 * i))), before);

        var offsets = await SeekAsync(client, "grains", """{"to":"earliest","resetState":true}""");
        var starts = (await api.Log.GetOffsetsAsync("counter-events")).OrderBy(o => o.Partition).Select(o => (o.Partition, o.StartOffset));
        Assert.Equal(starts, offsets);
        await api.WaitUntilCommittedAsync("counter-events");

        Assert.Equal(before, await TotalsAsync(client, keys));
    }

    private static async Task<List<(int Partition, long Offset)>> SeekAsync(HttpClient client, string group, string body)
    {
        var response = await client.PostAsync($"/api/streams/{(group == "grains" ? "counter-events" : "raw-events")}/consumers/{group}/seek", JsonBodies.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(group, root.GetProperty("group").GetString());
        return [.. root.GetProperty("offsets").EnumerateArray().Select(o => (o.GetProperty("partition").GetInt32(), o.GetProperty("offset").GetInt64()))];
    }

    private static async Task<List<(long Count, long Sum)>> TotalsAsync(HttpClient client, IEnumerable<string> keys)
    {
        var totals = new List<(long, long)>();
        foreach (var key in keys)
        {
            var counter = await client.GetFromJsonAsync<JsonElement>($"/api/counters/{key}");
            totals.Add((counter.GetProperty("count").GetInt64(), counter.GetProperty("sum").GetInt64()));
        }

        return totals;
    }
}
