using StreamOrleans.Streaming.Log;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class SqliteStreamLogErrorTests : IDisposable
{
    private readonly SqliteLogTestDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> InvalidNames => ["", "has space", "slash/no", ".", "..", "ü", new string('a', 250)];

    [Fact]
    public async Task Every_topic_operation_on_an_unknown_topic_throws_unknown_topic()
    {
        await using var log = _directory.Open(_clock);
        StreamRecord[] one = [new("k", new byte[] { 1 })];

        var errors = new List<UnknownTopicException>
        {
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.AppendAsync("nope", one).AsTask()),
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.ReadAsync("nope", 0, 0, 1).AsTask()),
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.WaitForRecordsAsync("nope", 0, 0, CancellationToken.None).AsTask()),
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.GetOffsetsAsync("nope").AsTask()),
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.FindOffsetAsync("nope", 0, DateTimeOffset.UnixEpoch).AsTask()),
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.GetCommittedOffsetsAsync("g", "nope").AsTask()),
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.ListConsumerGroupsAsync("nope").AsTask()),
            await Assert.ThrowsAsync<UnknownTopicException>(() => log.CommitAsync("g", "nope", 0, 0).AsTask()),
        };

        Assert.All(errors, e => Assert.Equal("nope", e.Topic));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task Invalid_topic_names_are_rejected_with_the_reason(string name)
    {
        await using var log = _directory.Open(_clock);

        var create = await Assert.ThrowsAsync<ArgumentException>(() => log.CreateTopicAsync(name, 1).AsTask());
        Assert.Contains("Invalid topic name", create.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => log.GetTopicAsync(name).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(name, []).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => log.ReadAsync(name, 0, 0, 1).AsTask());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1025)]
    public async Task Partition_counts_outside_1_to_1024_are_rejected(int partitions)
    {
        await using var log = _directory.Open(_clock);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.CreateTopicAsync("t", partitions).AsTask());
        Assert.Contains("1 to 1024", error.Message, StringComparison.Ordinal);
        Assert.Empty(await log.ListTopicsAsync());
    }

    [Fact]
    public async Task Topics_with_1_and_1024_partitions_are_accepted()
    {
        await using var log = _directory.Open(_clock);

        Assert.Equal(1, (await log.CreateTopicAsync("one", 1)).Partitions);
        Assert.Equal(1024, (await log.CreateTopicAsync("many", 1024)).Partitions);
        Assert.Equal(1024, (await log.GetOffsetsAsync("many")).Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public async Task Partition_index_out_of_range_is_rejected(int partition)
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 3);

        var read = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync("t", partition, 0, 1).AsTask());
        Assert.Contains("0 to 2", read.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.WaitForRecordsAsync("t", partition, 0, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.FindOffsetAsync("t", partition, DateTimeOffset.UnixEpoch).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.CommitAsync("g", "t", partition, 0).AsTask());
    }

    [Fact]
    public async Task Negative_offsets_and_max_records_below_1_are_rejected()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync("t", 0, -1, 1).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.WaitForRecordsAsync("t", 0, -1, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.CommitAsync("g", "t", 0, -1).AsTask());
        var max = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync("t", 0, 0, 0).AsTask());
        Assert.Contains("maxRecords", max.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Blank_consumer_group_names_are_rejected(string group)
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);

        await Assert.ThrowsAsync<ArgumentException>(() => log.CommitAsync(group, "t", 0, 0).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => log.GetCommittedOffsetsAsync(group, "t").AsTask());
    }

    [Fact]
    public async Task Null_batches_and_null_records_are_rejected()
    {
        await using var log = _directory.Open(_clock);
        await log.CreateTopicAsync("t", 1);

        await Assert.ThrowsAsync<ArgumentNullException>(() => log.AppendAsync("t", null!).AsTask());
        var error = await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("t", [null!]).AsTask());
        Assert.Contains("Record 0", error.Message, StringComparison.Ordinal);
    }
}
