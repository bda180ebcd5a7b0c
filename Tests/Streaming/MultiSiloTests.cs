using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Tests.Streaming.Support;

namespace StreamOrleans.Tests.Streaming;

/// <summary>
/// Several silos share the queues through Orleans' queue balancer: when one is killed its queues and grains move to
/// the survivors, which resume from the committed offsets; when one stops gracefully it checkpoints first. Either
/// way every counter ends exact.
/// </summary>
public sealed class MultiSiloTests
{
    [Fact]
    public async Task Queues_of_a_killed_silo_move_to_the_survivors_with_exact_totals()
    {
        await using var cluster = await LogStreamCluster.StartAsync(silos: 3);
        var expected = new Dictionary<string, (long Count, long Sum)>();
        var random = new Random(11);

        await AppendAsync(cluster, random, expected, 3000);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);

        await AppendAsync(cluster, random, expected, 3000);
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[2]);
        await AppendAsync(cluster, random, expected, 1000);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, TimeSpan.FromSeconds(60));

        await AssertTotalsAsync(cluster, expected);
    }

    [Fact]
    public async Task A_silo_stopped_gracefully_hands_its_queues_over_with_exact_totals()
    {
        await using var cluster = await LogStreamCluster.StartAsync(silos: 2);
        var expected = new Dictionary<string, (long Count, long Sum)>();
        var random = new Random(12);

        await AppendAsync(cluster, random, expected, 2000);
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[1]);
        await AppendAsync(cluster, random, expected, 2000);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, TimeSpan.FromSeconds(60));

        await AssertTotalsAsync(cluster, expected);
    }

    private static async Task AppendAsync(LogStreamCluster cluster, Random random, Dictionary<string, (long Count, long Sum)> expected, int count)
    {
        var records = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"counter-{random.Next(200)}";
            var amount = random.Next(1, 1000);
            var (c, s) = expected.GetValueOrDefault(key);
            expected[key] = (c + 1, s + amount);
            records.Add((key, $$"""{"amount":{{amount}}}"""));
        }

        await cluster.AppendAsync(CounterEvent.Topic, [.. records]);
    }

    private static async Task AssertTotalsAsync(LogStreamCluster cluster, Dictionary<string, (long Count, long Sum)> expected)
    {
        foreach (var (key, (count, sum)) in expected)
        {
            Assert.Equal(new CounterSnapshot(count, sum), await cluster.Cluster.Client.GetGrain<ICounterGrain>(key).GetAsync());
        }
    }
}
