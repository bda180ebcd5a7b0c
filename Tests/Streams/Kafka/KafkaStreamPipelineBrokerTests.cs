using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Kafka;
using StreamOrleans.Runtime.Streams.Ownership;
using StreamOrleans.Tests.Runtime.TestGrains;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>A whole silo on Kafka (log and ownership), on librdkafka's mock cluster or a real broker (STREAMORLEANS_KAFKA_BOOTSTRAP).</summary>
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
            ["Streams:Kafka:AdvertisedAddressWait"] = "00:00:00",
            ["Streams:ConsumerGroup"] = $"so-silo-{run}",
        };

        // The topics ("counts"...) are shared with earlier runs: this run's keys are its own, its group is new.
        PrepareSiloTopics();

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
                var (count, sum, _) = await silo.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync();
                Assert.Equal((2, 7), (count, sum));
            }
        }
    }

    [KafkaFact]
    public Task Two_silos_split_the_partitions_and_hand_grains_over_with_exact_totals_cooperative() =>
        TwoSilosHandOverAsync("cooperative-sticky");

    [KafkaFact]
    public Task Two_silos_split_every_topic_and_hand_grains_over_with_exact_totals_range() =>
        TwoSilosHandOverAsync("range");

    private static async Task TwoSilosHandOverAsync(string strategy)
    {
        // Both silos share one grain-state file (as replicas share PostgreSQL), so a grain revoked from one and
        // activated on the other continues from its checkpointed state.
        using var directory = new TempDirectory();
        var run = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["Streams:Kafka:BootstrapServers"] = KafkaTestCluster.BootstrapServers,
            ["Streams:Kafka:SessionTimeout"] = "00:00:06",
            ["Streams:Kafka:PollInterval"] = "00:00:00.020",
            ["Streams:Kafka:AdvertisedAddressWait"] = "00:00:00",
            ["Streams:Kafka:AssignmentStrategy"] = strategy,
            ["Streams:ConsumerGroup"] = $"so-pair-{run}",
        };
        PrepareSiloTopics();

        var keys = Enumerable.Range(0, 40).Select(i => $"{run}-user-{i}").ToList();
        var counts = Enumerable.Range(0, 4).Select(p => new TopicPartition("counts", p)).ToHashSet();

        // Ownership units: "counts" and "raw-bytes" by partition, "tagged" (routed) whole, and the placement partitions.
        var units = counts
            .Concat(Enumerable.Range(0, 4).Select(p => new TopicPartition("raw-bytes", p)))
            .Append(new TopicPartition("tagged", 0))
            .Concat(Enumerable.Range(0, StreamRuntime.PlacementPartitions).Select(p => new TopicPartition(StreamRuntime.PlacementTopic, p)))
            .ToHashSet();

        // cooperative-sticky balances the total partition count, so "counts" may stay on A; range splits every topic.
        var shared = strategy == "range" ? counts : units;
        var a = await TestSilo.StartWithStreamsAsync(settings: settings, dataDirectory: directory.Path, configure: (s, c) => s.AddKafkaStreams(c));
        var aStopped = false;
        try
        {
            var ownershipA = (KafkaPartitionOwnership)a.Streams!.Ownership;
            await WaitForOwnershipAsync([ownershipA], () => units.SetEquals(ownershipA.Owned), "A owning every partition");
            await a.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":1}""")));
            await a.WaitUntilCommittedAsync("counts", TimeSpan.FromSeconds(90));

            await using (var b = await TestSilo.StartWithStreamsAsync(settings: settings, dataDirectory: directory.Path, configure: (s, c) => s.AddKafkaStreams(c)))
            {
                var ownershipB = (KafkaPartitionOwnership)b.Streams!.Ownership;
                await WaitForOwnershipAsync(
                    [ownershipA, ownershipB],
                    () => ownershipB.Owned.Intersect(shared).Any() && ownershipA.Owned.Intersect(shared).Any()
                        && units.SetEquals(ownershipA.Owned.Union(ownershipB.Owned)) && !ownershipA.Owned.Intersect(ownershipB.Owned).Any(),
                    $"A and B sharing {(strategy == "range" ? "the counts partitions" : "the partitions")}");

                await b.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":10}""")));
                await Task.WhenAny(a.WaitUntilCommittedAsync("counts", TimeSpan.FromSeconds(90)), b.WaitUntilCommittedAsync("counts", TimeSpan.FromSeconds(90))).Unwrap();
                Assert.True(a.Streams.PumpCount > 0 && b.Streams!.PumpCount > 0, $"both silos pump: A {a.Streams.PumpCount}, B {b.Streams!.PumpCount}");

                // A leaves gracefully: its grains checkpoint and deactivate, then B gets every partition.
                aStopped = true;
                await a.DisposeAsync();
                await WaitForOwnershipAsync([ownershipB], () => units.SetEquals(ownershipB.Owned), "B owning every partition");

                await b.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":100}""")));
                await b.WaitUntilCommittedAsync("counts", TimeSpan.FromSeconds(90));
                foreach (var key in keys)
                {
                    var (count, sum, _) = await b.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync();
                    Assert.Equal((3, 111), (count, sum));
                }
            }
        }
        finally
        {
            if (!aStopped)
            {
                await a.DisposeAsync();
            }
        }
    }

    /// <summary>The test silos' topics, on the mock cluster (which cannot create topics itself); nothing on a real broker.</summary>
    private static void PrepareSiloTopics()
    {
        foreach (var (topic, partitions) in new[] { ("counts", 4), ("tagged", 4), ("raw-bytes", 4), ("dead-letters", 1), (StreamRuntime.PlacementTopic, StreamRuntime.PlacementPartitions) })
        {
            KafkaTestCluster.PrepareTopic(topic, partitions);
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds, re-checked after every rebalance of the members.</summary>
    private static async Task WaitForOwnershipAsync(KafkaPartitionOwnership[] members, Func<bool> condition, string what)
    {
        var changed = new SemaphoreSlim(0);
        void OnChanged(KafkaPartitionOwnership _) => changed.Release();
        foreach (var member in members)
        {
            member.OwnershipChanged += OnChanged;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (!condition())
            {
                try
                {
                    await changed.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"Not {what} within 90 s: " + string.Join("; ", members.Select(m => $"{m.MemberId} owns {string.Join(",", m.Owned)}")));
                }
            }
        }
        finally
        {
            foreach (var member in members)
            {
                member.OwnershipChanged -= OnChanged;
            }
        }
    }
}
