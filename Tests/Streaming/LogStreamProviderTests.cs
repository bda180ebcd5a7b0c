using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Rewind;
using StreamOrleans.Tests.Streaming.Support;

namespace StreamOrleans.Tests.Streaming;

/// <summary>
/// The log as an Orleans persistent stream provider, end to end on a test cluster: records a plain producer appends
/// reach the grain of their key through an implicit subscription, exactly once, and the queue offsets are committed
/// only up to what the grains persisted. Poison records go to dead letters and never stop their queue.
/// </summary>
public sealed class LogStreamProviderTests : IAsyncLifetime
{
    private LogStreamCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LogStreamCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Records_of_a_plain_producer_reach_their_keys_grain_with_exact_totals()
    {
        var expected = new Dictionary<string, (long Count, long Sum)>();
        var random = new Random(7);
        var records = new List<(string, string)>();
        for (var i = 0; i < 2000; i++)
        {
            var key = $"counter-{random.Next(50)}";
            var amount = random.Next(1, 100);
            var (count, sum) = expected.GetValueOrDefault(key);
            expected[key] = (count + 1, sum + amount);
            records.Add((key, $$"""{"amount":{{amount}}}"""));
        }

        await _cluster.AppendAsync(CounterEvent.Topic, [.. records]);
        await _cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);

        foreach (var (key, (count, sum)) in expected)
        {
            Assert.Equal(new CounterSnapshot(count, sum), await _cluster.Cluster.Client.GetGrain<ICounterGrain>(key).GetAsync());
        }
    }

    [Fact]
    public async Task Events_of_one_key_are_applied_in_offset_order()
    {
        var random = new Random(7);
        var expected = new Dictionary<string, List<long>>();
        for (var batch = 0; batch < 20; batch++)
        {
            var records = new List<(string, string)>();
            for (var i = 0; i < 100; i++)
            {
                var key = $"ordered-{random.Next(40)}";
                var value = (long)((batch * 100) + i);
                (expected.TryGetValue(key, out var list) ? list : expected[key] = []).Add(value);
                records.Add((key, $$"""{"action":"record","value":{{value}}}"""));
            }

            await _cluster.AppendAsync(ProbeEvent.Topic, [.. records]);
        }

        await _cluster.WaitUntilCommittedToEndAsync(ProbeEvent.Topic);

        foreach (var (key, values) in expected)
        {
            Assert.Equal(values, await _cluster.Cluster.Client.GetGrain<IProbeGrain>(key).GetRecordedAsync());
        }
    }

    [Fact]
    public async Task Raw_records_reach_their_consumer_with_bytes_and_headers_untouched_in_order()
    {
        byte[] binary = [0xFF, 0x00, 0xFE, 0x80, 0x7B];
        var json = "{\"not\":\"decoded\"}"u8.ToArray();
        var headers = new Dictionary<string, string> { ["frame-number"] = "3", ["capture-time"] = "2026-01-31T12:00:00Z" };
        var key = $"raw-{Guid.NewGuid():N}";
        var deadLettersBefore = (await ReadDeadLettersAsync()).Count;

        await _cluster.Log.AppendAsync(RawProbeGrain.Topic, [new StreamRecord(key, binary, headers), new StreamRecord(key, json), new StreamRecord(key, Array.Empty<byte>())]);
        await _cluster.WaitUntilCommittedToEndAsync(RawProbeGrain.Topic);

        var received = await _cluster.Cluster.Client.GetGrain<IRawProbeGrain>(key).GetReceivedAsync();
        Assert.Equal(3, received.Count);
        Assert.Equal(binary, received[0].Value);
        Assert.Equal(headers, received[0].Headers);
        Assert.Equal(json, received[1].Value);
        Assert.Empty(received[1].Headers);
        Assert.Empty(received[2].Value);
        Assert.Equal(deadLettersBefore, (await ReadDeadLettersAsync()).Count);
    }

    [Fact]
    public async Task A_queue_whose_records_all_went_to_dead_letters_is_still_committed_to_its_end()
    {
        // A cluster of its own, so the queues hold nothing but the poison records.
        await using var cluster = await LogStreamCluster.StartAsync();
        var landed = await cluster.AppendAsync(CounterEvent.Topic, ("a", "{}x"), ("b", """{"amount":-1}"""));
        await cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);

        var committed = await cluster.Log.GetCommittedOffsetsAsync(LogStreamCluster.ConsumerGroup, CounterEvent.Topic);
        foreach (var record in landed)
        {
            Assert.True(committed[record.Partition] > record.Offset, $"partition {record.Partition} committed at {committed.GetValueOrDefault(record.Partition)}, not past {record.Offset}");
        }

        var letters = (await cluster.Log.ReadAsync("dead-letters", 0, 0, 100))
            .Select(r => System.Text.Json.JsonSerializer.Deserialize(r.Value.Span, StreamOrleans.Streaming.Serialization.LogJsonContext.Default.DeadLetter)!)
            .ToList();
        Assert.Equal([("a", DeadLetterKind.Undecodable), ("b", DeadLetterKind.Invalid)], letters.Select(l => (l.Key, l.Kind)).OrderBy(l => l.Key));
    }

    [Fact]
    public async Task Undecodable_and_invalid_records_go_to_dead_letters_and_the_queue_moves_on()
    {
        var before = await ReadDeadLettersAsync();
        await _cluster.AppendAsync(CounterEvent.Topic,
            ("poison", "{not json"),
            ("poison", """{"amount":-5}"""),
            ("poison", """{"amount":"seven"}"""),
            ("poison", """{"amount":7}"""));
        await _cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);

        Assert.Equal(new CounterSnapshot(1, 7), await _cluster.Cluster.Client.GetGrain<ICounterGrain>("poison").GetAsync());
        var letters = (await ReadDeadLettersAsync()).Skip(before.Count).ToList();
        Assert.Equal(3, letters.Count);
        Assert.Equal([DeadLetterKind.Undecodable, DeadLetterKind.Invalid, DeadLetterKind.Undecodable], letters.Select(l => l.Kind));
        Assert.Contains("amount: must be between 0", letters[1].Reason, StringComparison.Ordinal);
        Assert.Equal("{not json", letters[0].Value);
        Assert.All(letters, l => Assert.Equal(("counter-events", "poison"), (l.SourceTopic, l.Key)));
    }

    [Fact]
    public async Task An_event_whose_apply_keeps_failing_is_dead_lettered_alone_and_its_key_goes_on()
    {
        await _cluster.AppendAsync(ProbeEvent.Topic,
            ("flaky", """{"action":"count"}"""),
            ("flaky", """{"action":"fail"}"""));
        await _cluster.WaitUntilCommittedToEndAsync(ProbeEvent.Topic);
        await _cluster.AppendAsync(ProbeEvent.Topic, ("flaky", """{"action":"count"}"""));
        await _cluster.WaitUntilCommittedToEndAsync(ProbeEvent.Topic);

        Assert.Equal(2, await _cluster.Cluster.Client.GetGrain<IProbeGrain>("flaky").GetCountAsync());
        var failed = Assert.Single(await ReadDeadLettersAsync(), l => l.Kind == DeadLetterKind.Failed && l.Key == "flaky");
        Assert.Equal("""{"action":"fail"}""", failed.Value);
        Assert.Equal("InvalidOperationException: probe told to fail", failed.Reason);
        Assert.Equal((ProbeEvent.Topic, "probe", 3), (failed.SourceTopic, failed.GrainType, failed.Attempts));
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_dead_lettered_after_MaxDeliveryTime_and_its_key_goes_on()
    {
        await using var cluster = await LogStreamCluster.StartAsync(configure: o => o.MaxDeliveryTime = TimeSpan.FromMilliseconds(500));
        var key = $"broken-{Guid.NewGuid():N}";
        await cluster.AppendAsync(ProbeEvent.Topic, (key, """{"action":"throw"}"""));
        await cluster.WaitUntilCommittedToEndAsync(ProbeEvent.Topic);
        await cluster.AppendAsync(ProbeEvent.Topic, (key, """{"action":"count"}"""));
        await cluster.WaitUntilCommittedToEndAsync(ProbeEvent.Topic);

        Assert.Equal(1, await cluster.Cluster.Client.GetGrain<IProbeGrain>(key).GetCountAsync());
        var letters = (await cluster.Log.ReadAsync("dead-letters", 0, 0, 10_000))
            .Select(r => System.Text.Json.JsonSerializer.Deserialize(r.Value.Span, StreamOrleans.Streaming.Serialization.LogJsonContext.Default.DeadLetter)!)
            .Where(l => l.Key == key).ToList();
        var failed = Assert.Single(letters);
        Assert.Equal((DeadLetterKind.Failed, """{"action":"throw"}"""), (failed.Kind, failed.Value));
        Assert.Contains("kept failing for 00:00:00.5", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocked_grain_holds_back_only_its_own_queue()
    {
        var partitions = LogStreamCluster.Partitions;
        var stuckKey = "stuck";
        var stuckPartition = StreamPartitioner.GetPartition(stuckKey, partitions);
        var otherKeys = Enumerable.Range(0, 200).Select(i => $"free-{i}").Where(k => StreamPartitioner.GetPartition(k, partitions) != stuckPartition).Take(20).ToList();
        var gate = ProbeGrain.Gates.GetOrAdd(stuckKey, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var blocked = ProbeGrain.Blocked.GetOrAdd(stuckKey, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        var stuck = await _cluster.AppendAsync(ProbeEvent.Topic, (stuckKey, """{"action":"block"}"""));
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await _cluster.AppendAsync(ProbeEvent.Topic, [.. otherKeys.Select(k => (k, """{"action":"count"}"""))]);

        // Every other partition is committed to its end while the stuck record's partition waits before it.
        var ends = (await _cluster.Log.GetOffsetsAsync(ProbeEvent.Topic)).Where(p => p.Partition != stuckPartition).ToDictionary(p => p.Partition, p => p.EndOffset);
        await _cluster.WaitUntilCommittedAsync(ProbeEvent.Topic, ends);
        var committed = await _cluster.Log.GetCommittedOffsetsAsync("grains", ProbeEvent.Topic);
        Assert.True(committed.GetValueOrDefault(stuckPartition) <= stuck[0].Offset);
        foreach (var key in otherKeys)
        {
            Assert.Equal(1, await _cluster.Cluster.Client.GetGrain<IProbeGrain>(key).GetCountAsync());
        }

        gate.SetResult();
        await _cluster.WaitUntilCommittedToEndAsync(ProbeEvent.Topic);
        Assert.Equal(1, await _cluster.Cluster.Client.GetGrain<IProbeGrain>(stuckKey).GetCountAsync());
    }

    [Fact]
    public async Task Rewinding_with_reset_rebuilds_state_from_the_chosen_offset_and_without_reset_changes_nothing()
    {
        var landed = await _cluster.AppendAsync(CounterEvent.Topic, [.. Enumerable.Range(1, 10).Select(i => ("rewound", $$"""{"amount":{{i}}}"""))]);
        await _cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic);
        var counter = _cluster.Cluster.Client.GetGrain<ICounterGrain>("rewound");
        Assert.Equal(new CounterSnapshot(10, 55), await counter.GetAsync());
        var rewinder = _cluster.SiloServices.GetRequiredService<LogStreamRewinder>();
        var partition = landed[0].Partition;

        // Without reset the replays are skipped: exactly once holds across a rewind.
        await rewinder.RewindAsync(CounterEvent.Topic, SeekPosition.Earliest);
        await _cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, replayed: true);
        Assert.Equal(new CounterSnapshot(10, 55), await counter.GetAsync());

        // With reset from the 6th record: the state is rebuilt from records 6..10 only.
        var result = await rewinder.RewindAsync(CounterEvent.Topic, SeekPosition.At(landed[5].Offset), partition, resetState: true);
        Assert.Equal(landed[5].Offset, result.Offsets[partition]);
        Assert.True(result.StatesDeleted >= 1);
        await _cluster.WaitUntilCommittedToEndAsync(CounterEvent.Topic, replayed: true);
        Assert.Equal(new CounterSnapshot(5, 6 + 7 + 8 + 9 + 10), await counter.GetAsync());
    }

    private async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync()
    {
        var letters = new List<DeadLetter>();
        var records = await _cluster.Log.ReadAsync("dead-letters", 0, 0, 10_000);
        foreach (var record in records)
        {
            letters.Add(System.Text.Json.JsonSerializer.Deserialize(record.Value.Span, StreamOrleans.Streaming.Serialization.LogJsonContext.Default.DeadLetter)!);
        }

        return letters;
    }
}
