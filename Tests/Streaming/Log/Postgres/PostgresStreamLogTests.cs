using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Postgres;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Log.Postgres;

public sealed class PostgresStreamLogTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private string _connectionString = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgresStreamLog _log = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresDatabase.CreateSchemaAsync("log");
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        _log = Open();
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    // Another process on the same tables: its own log object (own caches and wake-up signals).
    private PostgresStreamLog Open(TimeProvider? time = null) =>
        new(_dataSource, Options.Create(new PostgresStreamLogOptions { PollInterval = TimeSpan.FromMilliseconds(20) }), time ?? _clock);

    private static StreamRecord Record(string key, string value, IReadOnlyDictionary<string, string>? headers = null) =>
        new(key, Encoding.UTF8.GetBytes(value), headers);

    [Fact]
    public async Task A_first_use_while_the_database_is_down_fails_that_call_only()
    {
        // Connections fail while "down" (as during a PostgreSQL restart): only the calls made meanwhile fail.
        var down = true;
        await using var restarting = PostgresDatabase.Restarting(_connectionString, () => down);
        await using var log = new PostgresStreamLog(restarting, Options.Create(new PostgresStreamLogOptions()), _clock);

        await Assert.ThrowsAsync<NpgsqlException>(async () => await log.CreateTopicAsync("restarted", 1));
        down = false;

        await log.CreateTopicAsync("restarted", 1);
        var appended = await log.AppendAsync("restarted", [Record("k", "v")]);
        Assert.Equal(0, Assert.Single(appended).Offset);
    }

    [Fact]
    public async Task Topics_are_created_once_listed_by_name_and_a_different_partition_count_is_refused()
    {
        var created = await _log.CreateTopicAsync("clicks", 4);
        await _log.CreateTopicAsync("a-topic", 1);

        Assert.Equal(new TopicInfo("clicks", 4, _clock.GetUtcNow()), created);
        Assert.Equal(created, await _log.CreateTopicAsync("clicks", 4));
        Assert.Equal(["a-topic", "clicks"], (await _log.ListTopicsAsync()).Select(t => t.Name));
        Assert.Null(await _log.GetTopicAsync("missing"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _log.CreateTopicAsync("clicks", 5).AsTask());
        Assert.Contains("4 partitions", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<UnknownTopicException>(() => _log.AppendAsync("missing", [Record("k", "v")]).AsTask());
    }

    [Fact]
    public async Task Appends_get_dense_offsets_per_partition_in_input_order_and_read_back_with_headers()
    {
        await _log.CreateTopicAsync("t", 3);
        var keys = Enumerable.Range(0, 40).Select(i => $"user-{i % 13}").ToArray();
        var results = await _log.AppendAsync("t", keys.Select((k, i) => Record(k, $"v{i}", new Dictionary<string, string> { ["n"] = $"{i}", ["ü"] = "ß" })).ToList());

        for (var partition = 0; partition < 3; partition++)
        {
            var expected = keys.Select((k, i) => (k, i)).Where(x => StreamPartitioner.GetPartition(x.k, 3) == partition).ToList();
            var read = await _log.ReadAsync("t", partition, 0, 1000);
            Assert.Equal(Enumerable.Range(0, expected.Count).Select(o => (long)o), read.Select(r => r.Offset));
            Assert.Equal(expected.Select(x => $"v{x.i}"), read.Select(r => Encoding.UTF8.GetString(r.Value.Span)));
            Assert.Equal(expected.Select(x => $"{x.i}"), read.Select(r => r.Headers["n"]));
            Assert.All(read, r => Assert.Equal("ß", r.Headers["ü"]));
            Assert.Equal(expected.Select(x => new AppendResult(partition, expected.IndexOf(x))), expected.Select(x => results[x.i]));
        }

        Assert.Equal(2, (await _log.ReadAsync("t", StreamPartitioner.GetPartition("user-0", 3), 1, 2)).Count);
    }

    [Fact]
    public async Task Two_processes_appending_at_once_never_share_or_skip_an_offset()
    {
        await _log.CreateTopicAsync("t", 2);
        await using var other = Open();
        var batches = Enumerable.Range(0, 40).Select(b => (b % 2 == 0 ? _log : other)
            .AppendAsync("t", Enumerable.Range(0, 25).Select(i => Record($"k{i % 5}", $"{b}:{i}")).ToList()).AsTask());
        await Task.WhenAll(batches);

        var offsets = await _log.GetOffsetsAsync("t");
        long total = 0;
        foreach (var range in offsets)
        {
            var read = await _log.ReadAsync("t", range.Partition, 0, 10_000);
            Assert.Equal(Enumerable.Range(0, read.Count).Select(o => (long)o), read.Select(r => r.Offset));
            Assert.Equal(range.EndOffset, read.Count);
            total += read.Count;
        }

        Assert.Equal(1000, total);
    }

    [Fact]
    public async Task A_waiting_reader_wakes_for_an_append_made_by_another_process()
    {
        // Real time here: the waiter polls the table every 20 ms, which is what is under test.
        await using var reader = Open(TimeProvider.System);
        await using var writer = Open(TimeProvider.System);
        await reader.CreateTopicAsync("t", 1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var waiting = reader.WaitForRecordsAsync("t", 0, 0, timeout.Token).AsTask();
        Assert.False(waiting.IsCompleted);

        await writer.AppendAsync("t", [Record("k", "v")]);
        await waiting;

        Assert.False(timeout.IsCancellationRequested);
        Assert.Single(await reader.ReadAsync("t", 0, 0, 10));
    }

    [Fact]
    public async Task Committed_offsets_are_per_group_and_partition_and_groups_are_listed()
    {
        await _log.CreateTopicAsync("t", 2);
        await _log.CommitAsync("silo", "t", 0, 12);
        await _log.CommitAsync("silo", "t", 0, 15);
        await _log.CommitAsync("audit", "t", 1, 3);

        Assert.Equal(new Dictionary<int, long> { [0] = 15 }, await _log.GetCommittedOffsetsAsync("silo", "t"));
        Assert.Equal(new Dictionary<int, long> { [1] = 3 }, await _log.GetCommittedOffsetsAsync("audit", "t"));
        Assert.Empty(await _log.GetCommittedOffsetsAsync("nobody", "t"));
        Assert.Equal(["audit", "silo"], await _log.ListConsumerGroupsAsync("t"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _log.CommitAsync("silo", "t", 2, 0).AsTask());
    }

    [Fact]
    public async Task Offsets_are_found_by_time_and_retention_moves_the_start_offset()
    {
        await using var log = new PostgresStreamLog(_dataSource, Options.Create(new PostgresStreamLogOptions { RetentionAge = TimeSpan.FromHours(1) }), _clock);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", [Record("k", "old-1"), Record("k", "old-2")]);
        var cut = _clock.GetUtcNow() + TimeSpan.FromMinutes(30);
        _clock.Advance(TimeSpan.FromMinutes(90));
        await log.AppendAsync("t", [Record("k", "new")]);

        Assert.Equal(2, await log.FindOffsetAsync("t", 0, cut));
        Assert.Equal(3, await log.FindOffsetAsync("t", 0, _clock.GetUtcNow() + TimeSpan.FromDays(1)));
        Assert.Equal(2, await log.ApplyRetentionAsync());
        Assert.Equal([new PartitionOffsets(0, 2, 3)], await log.GetOffsetsAsync("t"));
        Assert.Equal(["new"], (await log.ReadAsync("t", 0, 0, 10)).Select(r => Encoding.UTF8.GetString(r.Value.Span)));
    }
}
