using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class IngestTests(ApiHostFixture api)
{
    [Fact]
    public async Task Ingest_returns_each_events_partition_and_offset_in_input_order()
    {
        using var client = api.CreateAuthorizedClient();
        var keys = Enumerable.Range(0, 20).Select(i => $"order-{i % 7}").ToList();
        var next = await api.EndOffsetsAsync("counter-events");
        var expected = keys.Select(k =>
        {
            var partition = StreamPartitioner.GetPartition(k, ApiFactory.Partitions);
            return (partition, next[partition]++);
        }).ToList();

        var response = await client.PostAsJsonAsync("/api/streams/counter-events/events", new { events = keys.Select(k => new { key = k, value = new { amount = 1 } }) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("partition").GetInt32(), r.GetProperty("offset").GetInt64())).ToList();
        Assert.Equal(expected, results);
    }

    [Fact]
    public async Task Counters_reach_the_exact_totals_of_the_ingested_events()
    {
        using var client = api.CreateAuthorizedClient();
        var random = new Random(11);
        var expected = new Dictionary<string, (long Count, long Sum)>();
        for (var batch = 0; batch < 3; batch++)
        {
            var events = Enumerable.Range(0, 40).Select(_ =>
            {
                var key = $"total-{random.Next(10)}";
                var amount = random.Next(0, 1000);
                var (count, sum) = expected.GetValueOrDefault(key);
                expected[key] = (count + 1, sum + amount);
                return new { key, value = new { amount }, headers = new Dictionary<string, string> { ["source"] = "test" } };
            }).ToList();
            var response = await client.PostAsJsonAsync("/api/streams/counter-events/events", new { events });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await api.WaitUntilCommittedAsync("counter-events");

        foreach (var (key, (count, sum)) in expected)
        {
            var counter = await client.GetFromJsonAsync<JsonElement>($"/api/counters/{key}");
            Assert.Equal(key, counter.GetProperty("key").GetString());
            Assert.Equal((count, sum), (counter.GetProperty("count").GetInt64(), counter.GetProperty("sum").GetInt64()));
        }
    }

    [Fact]
    public async Task A_topic_without_subscribers_stores_any_json_value_and_its_headers_as_sent()
    {
        using var client = api.CreateAuthorizedClient();
        const string body = """{"events":[{"key":"raw-1","value":{"nested":[1,2.5,"three",null]},"headers":{"content-type":"application/json"}},{"key":"raw-1","value":"just text"}]}""";

        var response = await client.PostAsync("/api/streams/raw-events/events", JsonBodies.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        var partition = results[0].GetProperty("partition").GetInt32();
        var offset = results[0].GetProperty("offset").GetInt64();
        var records = await api.Log.ReadAsync("raw-events", partition, offset, 2);
        Assert.Equal("""{"nested":[1,2.5,"three",null]}""", Encoding.UTF8.GetString(records[0].Value.Span));
        Assert.Equal("application/json", records[0].Headers["content-type"]);
        Assert.Equal("\"just text\"", Encoding.UTF8.GetString(records[1].Value.Span));
        Assert.Equal(offset + 1, results[1].GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task A_counter_key_that_is_not_a_grain_key_is_a_validation_problem()
    {
        using var client = api.CreateAuthorizedClient();

        var response = await client.GetAsync($"/api/counters/{new string('c', 513)}");

        await Problems.AssertInvalidAsync(response, "key", "at most 512 characters");
    }
}
