using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Tests.Streaming.Log.Kafka;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming;

/// <summary>
/// Exactly-once effect across a graceful restart of the production silo on the same data: the second silo resumes
/// each queue at its committed offset and the grains' stored positions skip anything replayed, so totals stay exact.
/// On the embedded SQLite log, and on Kafka with the offsets committed in the consumer group on the broker.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Totals_stay_exact_across_a_restart_on_the_same_files()
    {
        using var directory = new TempDirectory();
        await RestartTwiceAsync("user", directory.Path, settings: null);
    }

    [KafkaFact]
    public async Task Totals_stay_exact_across_a_restart_on_Kafka_with_offsets_committed_in_the_group()
    {
        using var directory = new TempDirectory();
        var run = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["Silo:LogProvider"] = "Kafka",
            ["Streams:Kafka:BootstrapServers"] = KafkaTestCluster.BootstrapServers,
            ["Streams:Kafka:PollInterval"] = "00:00:00.020",
            ["Streams:ConsumerGroup"] = $"so-silo-{run}",
        };

        // The mock cluster cannot create topics through the admin API; the topics are shared with earlier runs, so this
        // run's keys and consumer group are its own.
        foreach (var topic in GrainStreamTopics.All)
        {
            KafkaTestCluster.PrepareTopic(topic.Name, 4);
        }

        KafkaTestCluster.PrepareTopic("dead-letters", 1);
        await RestartTwiceAsync($"{run}-user", directory.Path, settings);
    }

    private static async Task RestartTwiceAsync(string keyPrefix, string directory, Dictionary<string, string?>? settings)
    {
        var keys = Enumerable.Range(0, 30).Select(i => $"{keyPrefix}-{i}").ToList();
        await using (var silo = await TestSilo.StartAsync(settings: settings, dataDirectory: directory))
        {
            await silo.AppendJsonAsync(CounterEvent.Topic, keys.Select(k => (k, """{"amount":3}""")));
            await silo.WaitUntilCommittedAsync(CounterEvent.Topic, TimeSpan.FromSeconds(90));
        }

        await using (var silo = await TestSilo.StartAsync(settings: settings, dataDirectory: directory))
        {
            await silo.AppendJsonAsync(CounterEvent.Topic, keys.Select(k => (k, """{"amount":4}""")));
            await silo.WaitUntilCommittedAsync(CounterEvent.Topic, TimeSpan.FromSeconds(90));
            foreach (var key in keys)
            {
                Assert.Equal(new CounterSnapshot(2, 7), await silo.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync());
            }
        }
    }
}
