using System.Text.Json;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Tests.Runtime.TestGrains;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streams;

public class StreamPipelineTests
{
    [Fact]
    public async Task Events_of_one_key_are_applied_in_offset_order_with_exact_totals()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync();
        var random = new Random(7);
        var expected = new Dictionary<string, List<long>>();
        for (var batch = 0; batch < 20; batch++)
        {
            var records = new List<(string, string)>();
            for (var i = 0; i < 100; i++)
            {
                var key = $"k{random.Next(40)}";
                var amount = (long)random.Next(1, 600); // below 666, the test grain's poison value
                (expected.TryGetValue(key, out var list) ? list : expected[key] = []).Add(amount);
                records.Add((key, $$"""{"amount":{{amount}}}"""));
            }

            await silo.AppendJsonAsync("counts", records);
        }

        await silo.WaitUntilCommittedAsync("counts");

        foreach (var (key, amounts) in expected)
        {
            var (count, sum, applied) = await silo.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync();
            Assert.Equal(amounts, applied);
            Assert.Equal(amounts.Count, count);
            Assert.Equal(amounts.Sum(), sum);
        }
    }

    [Fact]
    public async Task One_event_fans_out_to_every_routed_grain_once()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync();
        await silo.AppendJsonAsync("tagged", [
            ("p1", """{"text":"first","tags":["dotnet","Orleans","DOTNET"]}"""),
            ("p2", """{"text":"second","tags":["orleans"]}"""),
            ("p3", """{"text":"third","tags":[]}"""),
        ]);
        await silo.WaitUntilCommittedAsync("tagged");

        Assert.Equal(["first"], await silo.GrainFactory.GetGrain<ITagGrain>("dotnet").GetTextsAsync());
        Assert.Equal(["first", "second"], await silo.GrainFactory.GetGrain<ITagGrain>("orleans").GetTextsAsync());
    }

    [Fact]
    public async Task Poison_events_go_to_the_dead_letter_topic_with_the_reason_and_the_partition_moves_on()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync(settings: new Dictionary<string, string?> { ["Streams:DefaultPartitions"] = "1" });
        await silo.AppendJsonAsync("counts", [
            ("a", """{"amount":1}"""),
            ("a", """{"amount":"lots"}"""),
            ("a", """not json at all"""),
            ("a", """{"amount":-5}"""),
            ("a", """{"amount":666}"""),
            ("a", """{"amount":2}"""),
        ]);
        await silo.WaitUntilCommittedAsync("counts");

        var (count, sum, _) = await silo.GrainFactory.GetGrain<ICounterGrain>("a").GetAsync();
        Assert.Equal(2, count);
        Assert.Equal(3, sum);

        var letters = (await silo.Streams!.DeadLetters.ReadRecentAsync(10)).OrderBy(l => l.Offset).ToList();
        Assert.Equal([1L, 2, 3, 4], letters.Select(l => l.Offset));
        Assert.Equal([DeadLetterKind.Undecodable, DeadLetterKind.Undecodable, DeadLetterKind.Invalid, DeadLetterKind.Failed], letters.Select(l => l.Kind));
        Assert.Contains("$.amount", letters[0].Reason, StringComparison.Ordinal);
        Assert.Contains("amount: must be zero or positive", letters[2].Reason, StringComparison.Ordinal);
        Assert.Contains("the number of the beast", letters[3].Reason, StringComparison.Ordinal);
        Assert.Equal(3, letters[3].Attempts);
        Assert.Equal("a", letters[3].GrainKey);
        Assert.Equal("""{"amount":666}""", letters[3].Value);
        Assert.All(letters, l => Assert.Equal("counts", l.SourceTopic));
    }

    [Fact]
    public async Task A_partition_whose_records_all_went_to_dead_letters_still_commits()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync(settings: new Dictionary<string, string?> { ["Streams:DefaultPartitions"] = "1" });
        var published = 0;
        var allPublished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.Streams!.DeadLetters.Published += _ =>
        {
            if (Interlocked.Increment(ref published) == 2)
            {
                allPublished.TrySetResult();
            }
        };

        await silo.AppendJsonAsync("counts", [("a", "{}x"), ("b", """{"amount":-1}""")]);
        await allPublished.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await silo.WaitUntilCommittedAsync("counts");

        Assert.Equal(2, (await silo.Log.GetCommittedOffsetsAsync("grains", "counts"))[0]);
    }

    [Fact]
    public async Task A_stalled_grain_stalls_only_its_own_partition()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync(settings: new Dictionary<string, string?> { ["GrainRuntime:MailboxCapacity"] = "2" });
        const string slow = "slow-1";
        var slowPartition = StreamPartitioner.GetPartition(slow, 4);
        var others = Enumerable.Range(0, 200).Select(i => $"fast-{i}").Where(k => StreamPartitioner.GetPartition(k, 4) != slowPartition).Take(20).ToList();

        await silo.AppendJsonAsync("counts", Enumerable.Range(0, 10).Select(_ => (slow, """{"amount":1}""")));
        await silo.AppendJsonAsync("counts", others.SelectMany(k => Enumerable.Range(0, 5).Select(_ => (k, """{"amount":2}"""))));

        // Every other partition completes while the slow grain holds its own partition up.
        var otherPartitions = (await silo.Log.GetOffsetsAsync("counts")).Where(o => o.Partition != slowPartition).ToList();
        foreach (var key in others)
        {
            await WaitForCountAsync(silo, key, 5);
        }

        var committed = await silo.Log.GetCommittedOffsetsAsync("grains", "counts");
        Assert.False(committed.TryGetValue(slowPartition, out var slowCommitted) && slowCommitted >= 10);

        CounterGrain.Gates.GetOrAdd(slow, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await silo.WaitUntilCommittedAsync("counts");
        Assert.Equal(10, (await silo.GrainFactory.GetGrain<ICounterGrain>(slow).GetAsync()).Count);
        Assert.NotEmpty(otherPartitions);
    }

    [Fact]
    public async Task Totals_stay_exact_across_a_restart_on_the_same_files()
    {
        using var directory = new TempDirectory();
        var keys = Enumerable.Range(0, 30).Select(i => $"user-{i}").ToList();
        await using (var silo = await TestSilo.StartWithStreamsAsync(dataDirectory: directory.Path))
        {
            await silo.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":3}""")));
            await silo.WaitUntilCommittedAsync("counts");
        }

        await using (var silo = await TestSilo.StartWithStreamsAsync(dataDirectory: directory.Path))
        {
            await silo.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":4}""")));
            await silo.WaitUntilCommittedAsync("counts");
            foreach (var key in keys)
            {
                var (count, sum, _) = await silo.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync();
                Assert.Equal((2, 7), (count, sum));
            }
        }
    }

    [Fact]
    public async Task Rewinding_with_reset_rebuilds_the_same_state_from_the_log()
    {
        var time = new ManualTimeProvider();
        var settings = new Dictionary<string, string?> { ["Streams:CheckpointEvents"] = "1" };
        await using var silo = await TestSilo.StartWithStreamsAsync(time, settings);
        var keys = Enumerable.Range(0, 12).Select(i => $"r{i}").ToList();
        await silo.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":10}""")));
        time.Advance(TimeSpan.FromMinutes(1));
        var middle = time.GetUtcNow();
        await silo.AppendJsonAsync("counts", keys.Select(k => (k, """{"amount":1}""")));
        await silo.WaitUntilCommittedAsync("counts");
        var before = await TotalsAsync(silo, keys);
        Assert.All(before, t => Assert.Equal((2L, 11L), t));

        // Rebuild everything: same state.
        await silo.Streams!.SeekAsync("counts", "grains", SeekPosition.Earliest, resetState: true);
        await silo.WaitUntilCommittedAsync("counts");
        Assert.Equal(before, await TotalsAsync(silo, keys));

        // Rebuild from a point in time: only what came after it.
        var offsets = await silo.Streams.SeekAsync("counts", "grains", SeekPosition.AtTime(middle), resetState: true);
        Assert.Equal(12, offsets.Values.Sum());
        await silo.WaitUntilCommittedAsync("counts");
        Assert.All(await TotalsAsync(silo, keys), t => Assert.Equal((1L, 1L), t));
    }

    [Fact]
    public async Task Rewinding_without_reset_is_skipped_by_grains_that_already_applied_the_events()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync();
        await silo.AppendJsonAsync("counts", [("x", """{"amount":5}"""), ("x", """{"amount":6}""")]);
        await silo.WaitUntilCommittedAsync("counts");

        var offsets = await silo.Streams!.SeekAsync("counts", "grains", SeekPosition.Earliest);
        Assert.All(offsets.Values, o => Assert.Equal(0, o));
        await silo.AppendJsonAsync("counts", [("x", """{"amount":7}""")]);
        await silo.WaitUntilCommittedAsync("counts");

        var (count, sum, _) = await silo.GrainFactory.GetGrain<ICounterGrain>("x").GetAsync();
        Assert.Equal((3, 18), (count, sum));
    }

    [Fact]
    public async Task Seek_rejects_reset_with_an_offset_and_unknown_topics_and_partitions()
    {
        await using var silo = await TestSilo.StartWithStreamsAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Streams!.SeekAsync("counts", "grains", SeekPosition.At(3), resetState: true));
        await Assert.ThrowsAsync<UnknownTopicException>(() => silo.Streams!.SeekAsync("nope", "grains", SeekPosition.Earliest));
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Streams!.SeekAsync("counts", "grains", SeekPosition.Earliest, partition: 9));
        Assert.Contains("partitions 0..3", error.Message, StringComparison.Ordinal);
        var foreign = await Assert.ThrowsAsync<ArgumentException>(() => silo.Streams!.SeekAsync("counts", "reporting", SeekPosition.Earliest, resetState: true));
        Assert.Contains("only to the silo's own consumer group 'grains'", foreign.Message, StringComparison.Ordinal);
        var badGroup = await Assert.ThrowsAsync<ArgumentException>(() => silo.Streams!.SeekAsync("counts", "bad group!", SeekPosition.Earliest));
        Assert.Contains("may contain only ASCII letters", badGroup.Message, StringComparison.Ordinal);
    }

    private static async Task<List<(long Count, long Sum)>> TotalsAsync(TestSilo silo, IEnumerable<string> keys)
    {
        var totals = new List<(long, long)>();
        foreach (var key in keys)
        {
            var (count, sum, _) = await silo.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync();
            totals.Add((count, sum));
        }

        return totals;
    }

    private static async Task WaitForCountAsync(TestSilo silo, string key, long count)
    {
        // Each checkpoint of the key's partition is the signal to look again.
        var partition = StreamPartitioner.GetPartition(key, 4);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task CheckAsync()
        {
            if ((await silo.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync()).Count >= count)
            {
                reached.TrySetResult();
            }
        }

        void OnCheckpoint(string topic, int p, long offset)
        {
            if (topic == "counts" && p == partition)
            {
                _ = Task.Run(CheckAsync);
            }
        }

        silo.Streams!.Stats.CheckpointCommitted += OnCheckpoint;
        try
        {
            await CheckAsync();
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            silo.Streams.Stats.CheckpointCommitted -= OnCheckpoint;
        }
    }
}
