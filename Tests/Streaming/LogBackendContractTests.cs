using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Serialization;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Rewind;
using StreamOrleans.Tests.Streaming.Support;

namespace StreamOrleans.Tests.Streaming;

/// <summary>
/// The stream provider's contract on each log backend, in an Orleans test cluster: exact totals from a plain producer,
/// poison records to dead letters, rewind with state reset. Keys are unique per test because a Kafka (mock) cluster
/// outlives a test and keeps the records of earlier ones.
/// </summary>
public sealed class LogBackendContractTests
{
    [Theory]
    [InlineData(LogBackend.Sqlite)]
    [InlineData(LogBackend.Postgres)]
    [InlineData(LogBackend.Kafka)]
    public async Task A_plain_producers_records_are_applied_exactly_once(LogBackend backend)
    {
        await using var cluster = await LogStreamCluster.StartAsync(backend: backend);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var expected = new Dictionary<string, (long Count, long Sum)>();
        var random = new Random(3);
        var records = new List<(string, string)>();
        for (var i = 0; i < 600; i++)
        {
            var key = $"{prefix}-{random.Next(30)}";
            var amount = random.Next(1, 100);
            var (count, sum) = expected.GetValueOrDefault(key);
            expected[key] = (count + 1, sum + amount);
            records.Add((key, $$"""{"amount":{{amount}}}"""));
        }

        await cluster.AppendAsync(CounterEvent.Topic, [.. records]);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, TimeSpan.FromSeconds(60));

        foreach (var (key, (count, sum)) in expected)
        {
            Assert.Equal(new CounterSnapshot(count, sum), await cluster.Cluster.Client.GetGrain<ICounterGrain>(key).GetAsync());
        }
    }

    [Theory]
    [InlineData(LogBackend.Sqlite)]
    [InlineData(LogBackend.Postgres)]
    [InlineData(LogBackend.Kafka)]
    public async Task Poison_records_go_to_dead_letters_with_their_reason(LogBackend backend)
    {
        await using var cluster = await LogStreamCluster.StartAsync(backend: backend);
        var key = $"poison-{Guid.NewGuid():N}";
        await cluster.AppendAsync(CounterEvent.Topic, (key, "[1,2"), (key, """{"amount":1e40}"""), (key, """{"amount":3}"""));
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, TimeSpan.FromSeconds(60));

        Assert.Equal(new CounterSnapshot(1, 3), await cluster.Cluster.Client.GetGrain<ICounterGrain>(key).GetAsync());
        var letters = (await cluster.Log.ReadAsync("dead-letters", 0, 0, 100_000))
            .Select(r => JsonSerializer.Deserialize(r.Value.Span, LogJsonContext.Default.DeadLetter)!)
            .Where(l => l.Key == key).ToList();
        Assert.Equal(["[1,2", """{"amount":1e40}"""], letters.Select(l => l.Value));
        Assert.All(letters, l => Assert.Equal(DeadLetterKind.Undecodable, l.Kind));
    }

    [Theory]
    [InlineData(LogBackend.Sqlite)]
    [InlineData(LogBackend.Postgres)]
    [InlineData(LogBackend.Kafka)]
    public async Task Rewinding_one_partition_with_reset_rebuilds_its_keys_from_the_chosen_offset(LogBackend backend)
    {
        await using var cluster = await LogStreamCluster.StartAsync(backend: backend);
        var key = $"rewind-{Guid.NewGuid():N}";
        var landed = await cluster.AppendAsync(CounterEvent.Topic, [.. Enumerable.Range(1, 6).Select(i => (key, $$"""{"amount":{{i}}}"""))]);
        var elsewhere = Enumerable.Range(0, 100).Select(i => $"{key}-{i}").First(k => StreamPartitioner.GetPartition(k, LogStreamCluster.Partitions) != landed[0].Partition);
        await cluster.AppendAsync(CounterEvent.Topic, (elsewhere, """{"amount":100}"""));
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, TimeSpan.FromSeconds(60));
        var counter = cluster.Cluster.Client.GetGrain<ICounterGrain>(key);
        Assert.Equal(new CounterSnapshot(6, 21), await counter.GetAsync());

        var result = await cluster.SiloServices.GetRequiredService<LogStreamRewinder>()
            .RewindAsync(CounterEvent.Topic, SeekPosition.At(landed[3].Offset), landed[3].Partition, resetState: true);
        Assert.Equal(landed[3].Offset, Assert.Single(result.Offsets).Value);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, TimeSpan.FromSeconds(60), replayed: true);

        // Rebuilt from records 4..6; a key of another partition kept its state.
        Assert.Equal(new CounterSnapshot(3, 4 + 5 + 6), await counter.GetAsync());
        Assert.Equal(new CounterSnapshot(1, 100), await cluster.Cluster.Client.GetGrain<ICounterGrain>(elsewhere).GetAsync());
    }

    [Theory]
    [InlineData(LogBackend.Sqlite)]
    [InlineData(LogBackend.Postgres)]
    public async Task Rewinding_to_a_time_with_reset_rebuilds_from_the_first_record_at_or_after_it(LogBackend backend)
    {
        await using var cluster = await LogStreamCluster.StartAsync(backend: backend);
        var key = $"rewind-time-{Guid.NewGuid():N}";
        var first = await cluster.AppendAsync(CounterEvent.Topic, [.. Enumerable.Range(1, 4).Select(i => (key, $$"""{"amount":{{i}}}"""))]);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);
        await cluster.AppendAsync(CounterEvent.Topic, [.. Enumerable.Range(5, 3).Select(i => (key, $$"""{"amount":{{i}}}"""))]);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);
        var partition = first[0].Partition;
        var records = (await cluster.Log.ReadAsync(CounterEvent.Topic, partition, 0, 10_000)).Where(r => r.Key == key).ToList();
        var since = records[4].Timestamp;

        await cluster.SiloServices.GetRequiredService<LogStreamRewinder>()
            .RewindAsync(CounterEvent.Topic, SeekPosition.AtTime(since), partition, resetState: true);
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, replayed: true);

        // Exactly the records the log dates at or after that time are applied again.
        var rebuilt = records.Where(r => r.Timestamp >= since).Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Value.Span)!["amount"]!.GetValue<long>()).ToList();
        Assert.Equal(new CounterSnapshot(rebuilt.Count, rebuilt.Sum()), await cluster.Cluster.Client.GetGrain<ICounterGrain>(key).GetAsync());
        Assert.InRange(rebuilt.Count, 3, 7);
    }
}
