using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace StreamOrleans.Tests.Api;

[Collection(ApiCollection.Name)]
public class TopicInfoTests(ApiHostFixture api)
{
    [Fact]
    public async Task Topic_info_shows_end_offsets_and_the_silo_groups_lag_going_to_zero()
    {
        using var client = api.CreateAuthorizedClient();
        var response = await client.PostAsJsonAsync("/api/streams/counter-events/events", new { events = Enumerable.Range(0, 30).Select(i => new { key = $"lag-{i}", value = new { amount = 1 } }) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await api.WaitUntilCommittedAsync("counter-events");

        var topic = await client.GetFromJsonAsync<JsonElement>("/api/streams/counter-events");

        Assert.Equal("counter-events", topic.GetProperty("name").GetString());
        var ends = await api.EndOffsetsAsync("counter-events");
        var partitions = topic.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(ApiFactory.Partitions, partitions.Count);
        Assert.All(partitions, p => Assert.Equal(ends[p.GetProperty("partition").GetInt32()], p.GetProperty("endOffset").GetInt64()));
        var grains = topic.GetProperty("consumerGroups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "grains");
        Assert.Equal(0, grains.GetProperty("totalLag").GetInt64());
        Assert.All(grains.GetProperty("partitions").EnumerateArray(), p =>
        {
            Assert.Equal(0, p.GetProperty("lag").GetInt64());
            Assert.Equal(ends[p.GetProperty("partition").GetInt32()], p.GetProperty("committedOffset").GetInt64());
        });
    }

    [Fact]
    public async Task A_group_that_committed_one_partition_lags_by_the_unread_records_of_every_partition()
    {
        using var client = api.CreateAuthorizedClient();
        await client.PostAsJsonAsync("/api/streams/raw-events/events", new { events = Enumerable.Range(0, 10).Select(i => new { key = $"audit-{i}", value = i }) });
        var offsets = await api.Log.GetOffsetsAsync("raw-events");
        await api.Log.CommitAsync("audit-lag", "raw-events", 0, 1);

        var topic = await client.GetFromJsonAsync<JsonElement>("/api/streams/raw-events");

        var audit = topic.GetProperty("consumerGroups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "audit-lag");
        var lags = audit.GetProperty("partitions").EnumerateArray().ToDictionary(p => p.GetProperty("partition").GetInt32());
        Assert.Equal(1, lags[0].GetProperty("committedOffset").GetInt64());
        Assert.Equal(offsets[0].EndOffset - 1, lags[0].GetProperty("lag").GetInt64());
        Assert.Equal(JsonValueKind.Null, lags[1].GetProperty("committedOffset").ValueKind);
        Assert.Equal(offsets[1].EndOffset - offsets[1].StartOffset, lags[1].GetProperty("lag").GetInt64());
        Assert.Equal(offsets[0].EndOffset - 1 + offsets[1].EndOffset - offsets[1].StartOffset, audit.GetProperty("totalLag").GetInt64());
    }

    [Fact]
    public async Task Topic_info_is_public_404s_unknown_topics_and_rejects_bad_names()
    {
        using var anonymous = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/streams/counter-events")).StatusCode);
        var missing = await Problems.AssertProblemAsync(await anonymous.GetAsync("/api/streams/missing-topic"), HttpStatusCode.NotFound);
        Assert.Equal("missing-topic", missing.GetProperty("topic").GetString());
        await Problems.AssertInvalidAsync(await anonymous.GetAsync("/api/streams/bad$name"), "topic", "(found '$')");
    }
}
