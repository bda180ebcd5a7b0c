using System.Text;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class SqliteStreamLogRetentionTests : IDisposable
{
    private readonly SqliteLogTestDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _directory.Dispose();

    private static StreamRecord[] Records(int count, string prefix, int valueBytes = 1) =>
        Enumerable.Range(0, count).Select(i => new StreamRecord("k", Encoding.UTF8.GetBytes($"{prefix}{i}".PadRight(valueBytes, '.')))).ToArray();

    [Fact]
    public async Task Records_older_than_the_retention_age_go_and_offsets_stay()
    {
        await using var log = _directory.Open(_clock, o => o.RetentionAge = TimeSpan.FromHours(1));
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", Records(3, "old"));
        _clock.Advance(TimeSpan.FromMinutes(30));
        await log.AppendAsync("t", Records(2, "new"));

        Assert.Equal(0, await log.ApplyRetentionAsync());
        _clock.Advance(TimeSpan.FromMinutes(45));
        Assert.Equal(3, await log.ApplyRetentionAsync());

        Assert.Equal(new PartitionOffsets(0, 3, 5), (await log.GetOffsetsAsync("t"))[0]);
        var remaining = await log.ReadAsync("t", 0, 0, 10);
        Assert.Equal([3L, 4], remaining.Select(r => r.Offset));
        Assert.Equal(["new0", "new1"], remaining.Select(r => Encoding.UTF8.GetString(r.Value.Span)));
        Assert.Equal(3, await log.FindOffsetAsync("t", 0, DateTimeOffset.MinValue));
        Assert.Equal(0, await log.ApplyRetentionAsync());
    }

    [Fact]
    public async Task A_topic_with_its_own_retention_age_is_cut_by_it_and_the_others_by_the_default()
    {
        await using var log = _directory.Open(_clock, o =>
        {
            o.RetentionAge = TimeSpan.FromDays(7);
            o.RetentionAgeByTopic["frames"] = TimeSpan.FromMinutes(15);
        });
        await log.CreateTopicAsync("frames", 1);
        await log.CreateTopicAsync("events", 1);
        await log.AppendAsync("frames", Records(4, "f"));
        await log.AppendAsync("events", Records(2, "e"));
        _clock.Advance(TimeSpan.FromMinutes(10));
        await log.AppendAsync("frames", Records(1, "g"));

        Assert.Equal(0, await log.ApplyRetentionAsync());
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(4, await log.ApplyRetentionAsync());

        Assert.Equal(new PartitionOffsets(0, 4, 5), (await log.GetOffsetsAsync("frames"))[0]);
        Assert.Equal(new PartitionOffsets(0, 0, 2), (await log.GetOffsetsAsync("events"))[0]);
    }

    [Fact]
    public async Task Emptied_partition_keeps_its_end_offset_across_reopen()
    {
        await using (var log = _directory.Open(_clock, o => o.RetentionAge = TimeSpan.FromHours(1)))
        {
            await log.CreateTopicAsync("t", 1);
            await log.AppendAsync("t", Records(4, "x"));
            _clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(4, await log.ApplyRetentionAsync());
            Assert.Equal(new PartitionOffsets(0, 4, 4), (await log.GetOffsetsAsync("t"))[0]);
            Assert.Empty(await log.ReadAsync("t", 0, 0, 10));
        }

        await using var reopened = _directory.Open(_clock, o => o.RetentionAge = TimeSpan.FromHours(1));
        Assert.Equal(new PartitionOffsets(0, 4, 4), (await reopened.GetOffsetsAsync("t"))[0]);
        var appended = await reopened.AppendAsync("t", Records(1, "y"));
        Assert.Equal(new AppendResult(0, 4), appended[0]);
        Assert.Equal([4L], (await reopened.ReadAsync("t", 0, 2, 10)).Select(r => r.Offset));
    }

    [Fact]
    public async Task Oldest_records_beyond_the_size_budget_go()
    {
        // Each record is key "k" (1 byte) + a 100-byte value + no headers = 101 bytes; 350 bytes keep the newest 3.
        await using var log = _directory.Open(_clock, o => o.RetentionBytesPerPartition = 350);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", Records(10, "r", valueBytes: 100));

        Assert.Equal(7, await log.ApplyRetentionAsync());

        Assert.Equal(new PartitionOffsets(0, 7, 10), (await log.GetOffsetsAsync("t"))[0]);
        Assert.Equal([7L, 8, 9], (await log.ReadAsync("t", 0, 0, 100)).Select(r => r.Offset));
        Assert.Equal(0, await log.ApplyRetentionAsync());
    }

    [Fact]
    public async Task Size_retention_counts_keys_and_headers_too()
    {
        // Key "k" (1) + value (10) + headers {"h": "12345678"}: 1 + 1 + 1 + 8 = 11 -> 22 bytes per record; 50 keep 2.
        await using var log = _directory.Open(_clock, o => o.RetentionBytesPerPartition = 50);
        await log.CreateTopicAsync("t", 1);
        var headers = new Dictionary<string, string> { ["h"] = "12345678" };
        await log.AppendAsync("t", Enumerable.Range(0, 5).Select(_ => new StreamRecord("k", new byte[10], headers)).ToArray());

        Assert.Equal(3, await log.ApplyRetentionAsync());
        Assert.Equal(new PartitionOffsets(0, 3, 5), (await log.GetOffsetsAsync("t"))[0]);
    }

    [Fact]
    public async Task Deletion_in_small_batches_removes_everything_due()
    {
        await using var log = _directory.Open(_clock, o =>
        {
            o.RetentionAge = TimeSpan.FromMinutes(1);
            o.RetentionDeleteBatchSize = 100;
        });
        await log.CreateTopicAsync("t", 2);
        await log.AppendAsync("t", Enumerable.Range(0, 450).Select(i => new StreamRecord($"k{i}", new byte[3])).ToArray());
        var ends = (await log.GetOffsetsAsync("t")).Select(o => o.EndOffset).ToArray();
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(450, await log.ApplyRetentionAsync());
        Assert.Equal([new PartitionOffsets(0, ends[0], ends[0]), new PartitionOffsets(1, ends[1], ends[1])], await log.GetOffsetsAsync("t"));
    }

    [Fact]
    public async Task Size_retention_matches_a_newest_first_walk_across_reopen_and_repeated_runs()
    {
        const long Budget = 3_000;
        var random = new Random(11);
        var sizes = new List<long>();
        StreamRecord[] Batch(int count) => Enumerable.Range(0, count).Select(_ =>
        {
            var key = random.Next(2) == 0 ? "ключ" : "k";
            var value = new byte[random.Next(0, 300)];
            var headers = random.Next(3) == 0 ? new Dictionary<string, string> { ["h"] = "v" } : null;
            sizes.Add(value.Length + Encoding.UTF8.GetByteCount(key) + (headers is null ? 0 : 4));
            return new StreamRecord(key, value, headers);
        }).ToArray();

        // Reference: walking back from the newest record, the first one that overflows the budget and all older go.
        long ExpectedStart()
        {
            long total = 0;
            for (var i = sizes.Count - 1; i >= 0; i--)
            {
                total += sizes[i];
                if (total > Budget)
                {
                    return i + 1;
                }
            }

            return 0;
        }

        await using (var log = _directory.Open(_clock, o => o.RetentionBytesPerPartition = Budget))
        {
            await log.CreateTopicAsync("t", 1);
            await log.AppendAsync("t", Batch(40));
        }

        await using var reopened = _directory.Open(_clock, o => o.RetentionBytesPerPartition = Budget);
        await reopened.AppendAsync("t", Batch(30));
        await reopened.ApplyRetentionAsync();
        Assert.Equal(new PartitionOffsets(0, ExpectedStart(), 70), (await reopened.GetOffsetsAsync("t"))[0]);

        await reopened.AppendAsync("t", Batch(25));
        await reopened.ApplyRetentionAsync();
        Assert.Equal(new PartitionOffsets(0, ExpectedStart(), 95), (await reopened.GetOffsetsAsync("t"))[0]);
        var kept = await reopened.ReadAsync("t", 0, 0, int.MaxValue);
        Assert.Equal(sizes.Skip((int)ExpectedStart()).Sum(), kept.Sum(r => r.Value.Length + Encoding.UTF8.GetByteCount(r.Key) + r.Headers.Sum(h => h.Key.Length + h.Value.Length + 2)));
    }

    [Fact]
    public async Task A_last_record_bigger_than_the_budget_empties_the_partition()
    {
        await using var log = _directory.Open(_clock, o => o.RetentionBytesPerPartition = 50);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", [new StreamRecord("k", new byte[10]), new StreamRecord("k", new byte[100])]);

        Assert.Equal(2, await log.ApplyRetentionAsync());
        Assert.Equal(new PartitionOffsets(0, 2, 2), (await log.GetOffsetsAsync("t"))[0]);
    }

    [Fact]
    public async Task Under_steady_appends_with_retention_running_the_files_stop_growing()
    {
        // The soak benchmark in miniature, on the log's clock: 500 records per second over 4 partitions, 10 s of age
        // retention applied every 5 s, for 3 minutes. Once the log holds its 10-15 s, deleted pages must be reused:
        // without that the files would grow with the 90,000 records written, 6x over the last two and a half minutes.
        const int PerSecond = 500;
        await using var log = _directory.Open(_clock, o =>
        {
            o.RetentionAge = TimeSpan.FromSeconds(10);
            o.CheckpointThresholdBytes = 64 << 10;
        });
        await log.CreateTopicAsync("t", 4);
        var value = new byte[40];
        long FileBytes() => Directory.EnumerateFiles(_directory.Path).Sum(f => new FileInfo(f).Length);
        long filledAt30s = 0;
        long mostHeld = 0;
        long deleted = 0;
        for (var second = 1; second <= 180; second++)
        {
            await log.AppendAsync("t", Enumerable.Range(0, PerSecond).Select(i => new StreamRecord($"k{i % 100}", value)).ToArray());

            // The checkpointer runs beside appends; waiting for it here makes the WAL's high-water mark the same each run.
            await log.Checkpointer.WhenIdle();
            _clock.Advance(TimeSpan.FromSeconds(1));
            if (second % 5 == 0)
            {
                deleted += await log.ApplyRetentionAsync();
                await log.Checkpointer.WhenIdle();
            }

            mostHeld = Math.Max(mostHeld, (await log.GetOffsetsAsync("t")).Sum(o => o.EndOffset - o.StartOffset));
            if (second == 30)
            {
                filledAt30s = FileBytes();
            }
        }

        Assert.Equal(180 * PerSecond, deleted + (await log.GetOffsetsAsync("t")).Sum(o => o.EndOffset - o.StartOffset));
        Assert.InRange(mostHeld, 10 * PerSecond, 15 * PerSecond);
        Assert.InRange(FileBytes(), 1, filledAt30s * 5 / 4);
    }
}
