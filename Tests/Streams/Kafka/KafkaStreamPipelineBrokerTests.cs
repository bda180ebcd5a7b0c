using StreamOrleans.Runtime.Streams.Kafka;
using StreamOrleans.Tests.Runtime.TestGrains;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>A whole silo on Kafka (log and ownership) against a real broker (STREAMORLEANS_KAFKA_BOOTSTRAP).</summary>
public sealed class KafkaStreamPipelineBrokerTests
{
    [KafkaFact]
    public async Task Grain_totals_stay_exact_across_a_restart_with_offsets_committed_in_the_group()
    {
        using var directory = new TempDirectory();
        var run = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["Streams:Kafka:BootstrapServers"] = KafkaTestCluster.BootstrapServers,
            ["Streams:Kafka:SessionTimeout"] = "00:00:06",
            ["Streams:Kafka:PollInterval"] = "00:00:00.020",
            ["Streams:ConsumerGroup"] = $"so-silo-{run}",
        };

        // The topics ("counts"...) are shared with earlier runs: this run's keys are its own, its group is new.
        foreach (var (topic, partitions) in new[] { ("counts", 4), ("tagged", 4), ("raw-bytes", 4), ("dead-letters", 1) })
        {
            KafkaTestCluster.PrepareTopic(topic, partitions);
        }

        var keys = Enumerable.Range(0, 30).Select(i => $"{run}-user-{i}").ToList();
        await using (var silo = await TestSilo.StartWithStreamsAsync(settings: settings, dataDirectory: directory.Path, configure: (s, c) => s.AddKafkaStreams(c)))
        {
            Assert.IsType<KafkaStreamLog>(silo.Log);
            Assert.IsType<KafkaPartitionOwnership>(silo.Streams!.Ownership);
            await silo.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":3}""")));
            await silo.WaitUntilCommittedAsync("counts", TimeSpan.FromSeconds(90));
        }

        await using (var silo = await TestSilo.StartWithStreamsAsync(settings: settings, dataDirectory: directory.Path, configure: (s, c) => s.AddKafkaStreams(c)))
        {
            await silo.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":4}""")));
            await silo.WaitUntilCommittedAsync("counts", TimeSpan.FromSeconds(90));
            foreach (var key in keys)
            {
                var (count, sum, _) = await silo.GrainFactory.GetGrain<IStreamCounterGrain>(key).GetAsync();
                Assert.Equal((2, 7), (count, sum));
            }
        }
    }
}
