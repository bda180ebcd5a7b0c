using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Tests.Support;
using static StreamOrleans.Tests.Grains.Trends.Grains.TrendsSilo;

namespace StreamOrleans.Tests.Grains.Trends.Grains;

/// <summary>
/// The post router's fan-out on the production silo wiring: one log record reaches several consumer streams (one per
/// topic it names, and the global ranking), each stream gets records of every partition interleaved, and every
/// consumer applies each record exactly once, also when the records come again.
/// </summary>
public sealed class PostRouterTests
{
    [Fact]
    public async Task A_post_with_two_hashtags_is_applied_once_by_each_topic_grain_and_the_ranking_across_a_restart_and_a_replay()
    {
        using var directory = new TempDirectory();

        // Keyed by post id, the posts spread over the topic's partitions: each topic stream interleaves them.
        var posts = Enumerable.Range(0, 200)
            .Select(i => new Post($"p{i}", "ann", i % 4 == 0 ? $"post {i} #red #blue #green" : $"post {i} #red #blue", Start.AddSeconds(i)))
            .ToList();
        await using (var silo = await StartAsync(dataDirectory: directory.Path))
        {
            var landed = await silo.AppendJsonAsync(Post.Topic, posts.Select(p => (p.PostId, Json(p))));
            Assert.True(landed.Select(r => r.Partition).Distinct().Count() > 1, "the posts landed in one partition");
            await silo.WaitUntilCommittedAsync(Post.Topic);
            await AssertCountsAsync(silo, red: 200, blue: 200, green: 50);
        }

        // Restarted on the same data, every record is read again from the start: each consumer skips all of them.
        await using var restarted = await StartAsync(dataDirectory: directory.Path);
        await AssertCountsAsync(restarted, red: 200, blue: 200, green: 50);
        await restarted.RewindAsync(Post.Topic, SeekPosition.Earliest);
        await restarted.WaitUntilCommittedAsync(Post.Topic);
        await AssertCountsAsync(restarted, red: 200, blue: 200, green: 50);

        // New posts after the replay still count, once.
        await AppendAsync(restarted, [.. Enumerable.Range(200, 20).Select(i => new Post($"p{i}", "bob", $"more {i} #blue #green", Start.AddSeconds(i)))]);
        await AssertCountsAsync(restarted, red: 200, blue: 220, green: 70);
    }

    [Fact]
    public async Task A_rewind_with_reset_of_one_partition_of_a_routed_topic_is_refused()
    {
        // A topic grain holds posts of every partition: resetting its state and replaying one partition would lose the rest.
        await using var silo = await StartAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => silo.RewindAsync(Post.Topic, SeekPosition.Earliest, partition: 0, resetState: true));
        Assert.Contains("routed", error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertCountsAsync(TestSilo silo, long red, long blue, long green)
    {
        var totals = new List<long>();
        foreach (var topic in new[] { "#red", "#blue", "#green" })
        {
            totals.Add((await silo.GrainFactory.GetGrain<ITopicTrendGrain>(topic).GetDetailsAsync(10)).TotalPosts);
        }

        Assert.Equal([red, blue, green], totals);
        var ranking = await silo.GrainFactory.GetGrain<ITrendingTopicsGrain>(ITrendingTopicsGrain.DefaultKey).GetTotalsAsync();
        Assert.Equal(new TrendingTotals(Math.Max(red, blue), 3), ranking);
    }
}
