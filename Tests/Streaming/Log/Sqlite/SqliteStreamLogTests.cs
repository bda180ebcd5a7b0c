using System.Text;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class SqliteStreamLogTests : IDisposable
{
    private readonly SqliteLogTestDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _directory.Dispose();

    private static StreamRecord Record(string key, string value, IReadOnlyDictionary<string, string>? headers = null) =>
        new(key, Encoding.UTF8.GetBytes(value), headers);

    [Fact]
    public async Task Created_topic_is_found_by_get_and_list()
    {
        await using var log = _directory.Open(_clock);
        var created = await log.CreateTopicAsync("clicks", 4);
        await log.CreateTopicAsync("a.topic_0-x", 1);

        Assert.Equal(new TopicInfo("clicks", 4, _clock.GetUtcNow()), created);
        Assert.Equal(created, await log.GetTopicAsync("clicks"));
        Assert.Null(await log.GetTopicAsync("missing"));
        var names = (await log.ListTopicsAsync()).Select(t => t.Name);
        Assert.Equal(["a.topic_0-x", "clicks"], names);
        Assert.Equal([new PartitionOffsets(0, 0, 0), new PartitionOffsets(1, 0, 0), new PartitionOffsets(2, 0, 0), new PartitionOffsets(3, 0, 0)], await log.GetOffsetsAsync("clicks"));
    }

    [Fact]
    public async Task Creating_an_existing_topic_returns_it_unchanged()
    {
        await using var log = _directory.Open(_clock);
        var first = await log.CreateTopicAsync("t", 3);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(first, await log.CreateTopicAsync("t", 3));
        Assert.Single(await log.ListTopicsAsync());
    }

    [Fact]
    public async Task Creating_an_existing_topic_with_another_partition_count_names_both_counts()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 3);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => log.CreateTopicAsync("t", 5).AsTask());
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
        Assert.Contains("5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_uses_the_partitioner_dense_offsets_and_input_order()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 3);
        var keys = Enumerable.Range(0, 40).Select(i => $"user-{i % 13}").ToArray();

        var results = await log.AppendAsync("t", keys.Select(k => Record(k, "v")).ToArray());

        Assert.Equal(keys.Length, results.Count);
        var nextExpected = new long[3];
        for (var i = 0; i < keys.Length; i++)
        {
            var partition = StreamPartitioner.GetPartition(keys[i], 3);
            Assert.Equal(new AppendResult(partition, nextExpected[partition]++), results[i]);
        }

        var offsets = await log.GetOffsetsAsync("t");
        Assert.Equal(nextExpected, offsets.Select(o => o.EndOffset));
        Assert.All(offsets, o => Assert.Equal(0, o.StartOffset));
    }

    [Fact]
    public async Task A_batch_with_an_invalid_record_writes_nothing()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", [Record("a", "1")]);

        StreamRecord[] withNullKey = [Record("b", "2"), new StreamRecord(null!, new byte[] { 1 }), Record("c", "3")];
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("t", withNullKey).AsTask());
        StreamRecord[] withNullHeader = [Record("b", "2"), Record("c", "3", new Dictionary<string, string> { ["h"] = null! })];
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("t", withNullHeader).AsTask());

        Assert.Equal(1, (await log.GetOffsetsAsync("t"))[0].EndOffset);
        var next = await log.AppendAsync("t", [Record("d", "4")]);
        Assert.Equal(new AppendResult(0, 1), next[0]);
        Assert.Equal(["1", "4"], (await log.ReadAsync("t", 0, 0, 10)).Select(r => Encoding.UTF8.GetString(r.Value.Span)));
    }

    [Fact]
    public async Task Read_returns_ranges_in_offset_order_limited_by_max_records()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", Enumerable.Range(0, 10).Select(i => Record($"k{i}", $"v{i}")).ToArray());

        var middle = await log.ReadAsync("t", 0, 3, 4);
        Assert.Equal([3L, 4, 5, 6], middle.Select(r => r.Offset));
        Assert.Equal(["v3", "v4", "v5", "v6"], middle.Select(r => Encoding.UTF8.GetString(r.Value.Span)));
        Assert.Equal(["k3", "k4", "k5", "k6"], middle.Select(r => r.Key));
        Assert.All(middle, r => Assert.Equal(("t", 0), (r.Topic, r.Partition)));
        Assert.Equal([8L, 9], (await log.ReadAsync("t", 0, 8, 100)).Select(r => r.Offset));
        Assert.Empty(await log.ReadAsync("t", 0, 10, 100));
        Assert.Empty(await log.ReadAsync("t", 0, 1000, 1));
        Assert.Equal(10, (await log.ReadAsync("t", 0, 0, int.MaxValue)).Count);
    }

    [Fact]
    public async Task Headers_and_binary_values_round_trip()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = "application/octet-stream",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["unicode ключ"] = "значение ✓ " + new string('x', 300),
            ["empty"] = "",
        };
        var slice = new ReadOnlyMemory<byte>(binary, 10, 5);

        await log.AppendAsync("t", [new StreamRecord("k", binary, headers), new StreamRecord("k", ReadOnlyMemory<byte>.Empty), new StreamRecord("k", slice, new Dictionary<string, string>())]);
        var read = await log.ReadAsync("t", 0, 0, 10);

        Assert.Equal(binary, read[0].Value.ToArray());
        Assert.Equal(headers.OrderBy(h => h.Key), read[0].Headers.OrderBy(h => h.Key));
        Assert.Empty(read[1].Value.ToArray());
        Assert.Empty(read[1].Headers);
        Assert.Equal(binary[10..15], read[2].Value.ToArray());
        Assert.Empty(read[2].Headers);
    }

    [Fact]
    public async Task Data_survives_reopen_and_offsets_continue()
    {
        IReadOnlyList<AppendResult> before;
        await using (var log = _directory.Open(_clock))
        {
            await log.CreateTopicAsync("t", 2);
            before = await log.AppendAsync("t", Enumerable.Range(0, 20).Select(i => Record($"k{i}", $"v{i}")).ToArray());
            await log.CommitAsync("g", "t", 1, 3);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        await using (var reopened = _directory.Open(_clock))
        {
            Assert.Equal(new TopicInfo("t", 2, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), await reopened.GetTopicAsync("t"));
            var ends = before.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1);
            Assert.Equal(ends[0], (await reopened.GetOffsetsAsync("t"))[0].EndOffset);
            Assert.Equal(20, (await reopened.ReadAsync("t", 0, 0, 100)).Count + (await reopened.ReadAsync("t", 1, 0, 100)).Count);
            Assert.Equal(new Dictionary<int, long> { [1] = 3 }, await reopened.GetCommittedOffsetsAsync("g", "t"));

            var after = await reopened.AppendAsync("t", [Record("k0", "again")]);
            var partition = StreamPartitioner.GetPartition("k0", 2);
            Assert.Equal(new AppendResult(partition, ends[partition]), after[0]);
        }
    }

    [Fact]
    public async Task Concurrent_appenders_get_dense_unique_offsets()
    {
        await using var log = _directory.Open();
        await log.CreateTopicAsync("t", 4);
        const int Tasks = 6;
        const int Batches = 15;
        const int BatchSize = 40;

        var all = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var mine = new List<(StreamRecord Record, AppendResult Result)>();
            for (var b = 0; b < Batches; b++)
            {
                var batch = Enumerable.Range(0, BatchSize).Select(i => Record($"key-{(t * 7) + i}", $"{t}/{b}/{i}")).ToArray();
                var results = await log.AppendAsync("t", batch);
                mine.AddRange(batch.Zip(results));
            }

            return mine;
        })));

        var appended = all.SelectMany(x => x).ToList();
        Assert.Equal(Tasks * Batches * BatchSize, appended.Count);
        foreach (var partition in appended.GroupBy(a => a.Result.Partition))
        {
            var offsets = partition.Select(a => a.Result.Offset).Order().ToList();
            Assert.Equal(Enumerable.Range(0, offsets.Count).Select(i => (long)i), offsets);
            var stored = await log.ReadAsync("t", partition.Key, 0, int.MaxValue);
            var byOffset = partition.ToDictionary(a => a.Result.Offset, a => Encoding.UTF8.GetString(a.Record.Value.Span));
            Assert.Equal(offsets.Count, stored.Count);
            Assert.All(stored, r => Assert.Equal(byOffset[r.Offset], Encoding.UTF8.GetString(r.Value.Span)));
        }
    }

    [Fact]
    public async Task Two_instances_on_one_file_keep_offsets_dense()
    {
        await using var first = _directory.Open(_clock);
        await using var second = _directory.Open(_clock);
        await first.CreateTopicAsync("t", 1);

        var a = await first.AppendAsync("t", [Record("a", "1"), Record("a", "2")]);
        var b = await second.AppendAsync("t", [Record("b", "3")]);
        var c = await first.AppendAsync("t", [Record("c", "4")]);

        Assert.Equal([0L, 1, 2, 3], a.Concat(b).Concat(c).Select(r => r.Offset));
        Assert.Equal(["1", "2", "3", "4"], (await second.ReadAsync("t", 0, 0, 10)).Select(r => Encoding.UTF8.GetString(r.Value.Span)));
    }

    [Fact]
    public async Task Consumer_offsets_are_committed_overwritten_and_listed_by_group()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 3);
        await log.CreateTopicAsync("other", 1);

        Assert.Empty(await log.GetCommittedOffsetsAsync("g1", "t"));
        Assert.Empty(await log.ListConsumerGroupsAsync("t"));
        await log.CommitAsync("g2", "t", 0, 5);
        await log.CommitAsync("g1", "t", 2, 7);
        await log.CommitAsync("g1", "t", 0, 1);
        await log.CommitAsync("g1", "t", 2, 9);
        await log.CommitAsync("g3", "other", 0, 4);

        Assert.Equal(new Dictionary<int, long> { [0] = 1, [2] = 9 }, await log.GetCommittedOffsetsAsync("g1", "t"));
        Assert.Equal(new Dictionary<int, long> { [0] = 5 }, await log.GetCommittedOffsetsAsync("g2", "t"));
        Assert.Equal(["g1", "g2"], await log.ListConsumerGroupsAsync("t"));
        Assert.Equal(["g3"], await log.ListConsumerGroupsAsync("other"));
    }

    [Fact]
    public async Task Find_offset_returns_the_first_record_at_or_after_a_time()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);
        var t0 = _clock.GetUtcNow();
        Assert.Equal(0, await log.FindOffsetAsync("t", 0, t0));

        await log.AppendAsync("t", [Record("k", "0"), Record("k", "1"), Record("k", "2")]);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await log.AppendAsync("t", [Record("k", "3"), Record("k", "4")]);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await log.AppendAsync("t", [Record("k", "5")]);

        Assert.Equal(0, await log.FindOffsetAsync("t", 0, t0 - TimeSpan.FromDays(1)));
        Assert.Equal(0, await log.FindOffsetAsync("t", 0, t0));
        Assert.Equal(3, await log.FindOffsetAsync("t", 0, t0 + TimeSpan.FromMilliseconds(1)));
        Assert.Equal(3, await log.FindOffsetAsync("t", 0, t0 + TimeSpan.FromSeconds(10)));
        Assert.Equal(5, await log.FindOffsetAsync("t", 0, t0 + TimeSpan.FromSeconds(15)));
        Assert.Equal(5, await log.FindOffsetAsync("t", 0, t0 + TimeSpan.FromSeconds(20)));
        Assert.Equal(6, await log.FindOffsetAsync("t", 0, t0 + TimeSpan.FromSeconds(21)));
        Assert.Equal([t0, t0, t0, t0.AddSeconds(10), t0.AddSeconds(10), t0.AddSeconds(20)], (await log.ReadAsync("t", 0, 0, 10)).Select(r => r.Timestamp));
    }

    [Fact]
    public async Task Find_offset_over_many_records_matches_a_linear_scan()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            await log.AppendAsync("t", Enumerable.Range(0, random.Next(1, 5)).Select(_ => Record("k", "v")).ToArray());
            _clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 3) * 1000));
        }

        var records = await log.ReadAsync("t", 0, 0, int.MaxValue);
        var first = records[0].Timestamp;
        for (var s = -1; s <= (records[^1].Timestamp - first).TotalSeconds + 1; s++)
        {
            var at = first.AddSeconds(s);
            var expected = records.FirstOrDefault(r => r.Timestamp >= at)?.Offset ?? records.Count;
            Assert.Equal(expected, await log.FindOffsetAsync("t", 0, at));
        }
    }

    [Fact]
    public async Task A_new_file_is_in_wal_mode_with_the_configured_page_size_and_schema_version()
    {
        string path;
        await using (var log = _directory.Open(_clock, o => o.PageSize = 16384))
        {
            path = log.FilePath;
            Assert.Equal(Path.Combine(_directory.Path, "streams.db"), path);
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT page_size FROM pragma_page_size), (SELECT MAX(version) FROM schema_version);";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("wal", 16384L, 1L), (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_version_is_refused()
    {
        await using (var log = _directory.Open(_clock))
        {
            await log.CreateTopicAsync("t", 1);
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory.Path, "streams.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version) VALUES (99);";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<NotSupportedException>(() => _directory.Open(_clock));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_twice_is_safe_and_later_calls_throw_object_disposed()
    {
        var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);
        log.Dispose();
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync("t", [Record("k", "v")]).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.ReadAsync("t", 0, 0, 1).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.ListTopicsAsync().AsTask());
    }
}
