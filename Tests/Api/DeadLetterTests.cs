using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class DeadLetterTests(ApiHostFixture api)
{
    [Fact]
    public async Task A_poison_record_appended_behind_the_apis_back_is_listed_with_its_reason_and_the_partition_moves_on()
    {
        using var client = api.CreateAuthorizedClient();
        const string key = "poisoned";
        // The valid record after the poison one gives the partition a grain to checkpoint, so the wait below ends.
        await api.Log.AppendAsync("counter-events", [
            new StreamRecord(key, Encoding.UTF8.GetBytes("""{"amount":"lots"}""")),
            new StreamRecord(key, Encoding.UTF8.GetBytes("""{"amount":-3}""")),
            new StreamRecord(key, Encoding.UTF8.GetBytes("""{"amount":2}""")),
        ]);
        await api.WaitUntilCommittedAsync("counter-events");

        var response = await client.GetFromJsonAsync<JsonElement>($"/api/streams/dead-letters?limit={ApiFactory.MaxDeadLetters}");

        var letters = response.GetProperty("deadLetters").EnumerateArray().ToList();
        var mine = letters.Where(l => l.GetProperty("key").GetString() == key).ToList();
        var undecodable = mine.First(l => l.GetProperty("kind").GetString() == "Undecodable");
        Assert.Equal("counter-events", undecodable.GetProperty("sourceTopic").GetString());
        Assert.Contains("$.amount", undecodable.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"amount":"lots"}""", undecodable.GetProperty("value").GetString());
        // The stream provider's receiver refuses the record before any grain sees it, so it names the provider.
        Assert.Equal("log", undecodable.GetProperty("grainType").GetString());
        var invalid = mine.First(l => l.GetProperty("kind").GetString() == "Invalid");
        Assert.Contains("amount: must be between 0", invalid.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var times = letters.Select(l => l.GetProperty("failedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var counter = await client.GetFromJsonAsync<JsonElement>($"/api/counters/{key}");
        Assert.Equal((1, 2), (counter.GetProperty("count").GetInt64(), counter.GetProperty("sum").GetInt64()));
    }

    [Fact]
    public async Task The_limit_bounds_the_list_and_bad_limits_are_validation_problems()
    {
        using var client = api.CreateAuthorizedClient();

        var one = await client.GetFromJsonAsync<JsonElement>("/api/streams/dead-letters?limit=1");
        Assert.True(one.GetProperty("deadLetters").GetArrayLength() <= 1);
        foreach (var limit in new[] { "0", "-1", $"{ApiFactory.MaxDeadLetters + 1}", "abc", "1.5" })
        {
            var response = await client.GetAsync($"/api/streams/dead-letters?limit={limit}");
            await Problems.AssertInvalidAsync(response, "limit", $"must be an integer between 1 and {ApiFactory.MaxDeadLetters} (got '{limit}')");
        }
    }
}
