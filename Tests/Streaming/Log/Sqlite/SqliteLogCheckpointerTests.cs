using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class SqliteLogCheckpointerTests : IDisposable
{
    private readonly SqliteLogTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Background_checkpoints_keep_the_wal_small_and_lose_nothing()
    {
        const int Batches = 20;
        const int BatchSize = 100;
        const int ValueBytes = 1000;
        await using var log = _directory.Open(configure: o => o.CheckpointThresholdBytes = 64 << 10);
        await log.CreateTopicAsync("t", 1);

        for (var b = 0; b < Batches; b++)
        {
            await log.AppendAsync("t", Enumerable.Range(0, BatchSize).Select(i => new StreamRecord("k", new byte[ValueBytes])).ToArray());
            await log.Checkpointer.WhenIdle();
        }

        // Without checkpoints the WAL would hold all ~2 MB appended; with them it restarts after each batch.
        var wal = new FileInfo(log.FilePath + "-wal").Length;
        Assert.InRange(wal, 1, 4 * BatchSize * ValueBytes);
        Assert.True(log.Checkpointer.Completed >= Batches / 2, $"only {log.Checkpointer.Completed} checkpoints completed");
        Assert.Equal(0, log.Checkpointer.Failures);
        Assert.Equal(Batches * BatchSize, (await log.ReadAsync("t", 0, 0, int.MaxValue)).Count);
    }

    [Fact]
    public async Task Small_appends_over_many_partitions_ask_for_a_checkpoint_before_the_wal_passes_the_threshold()
    {
        // The soak's paced producer: ~100 small records per append spread over 8 partitions. Each such commit writes
        // ~20 pages to the WAL; counted as twice its row bytes plus a page, the WAL grew to ~8x the threshold first.
        const long Threshold = 256 << 10;
        await using var log = _directory.Open(configure: o => o.CheckpointThresholdBytes = Threshold);
        await log.CreateTopicAsync("t", 8);
        var value = new byte[12];
        long largestWal = 0;
        for (var append = 0; append < 100; append++)
        {
            await log.AppendAsync("t", Enumerable.Range(0, 100).Select(i => new StreamRecord($"counter-{(append * 100) + i}", value)).ToArray());
            await log.Checkpointer.WhenIdle();
            largestWal = Math.Max(largestWal, new FileInfo(log.FilePath + "-wal").Length);
        }

        Assert.InRange(largestWal, 1, 2 * Threshold);
        Assert.Equal(0, log.Checkpointer.Failures);
        Assert.Equal(10_000, (await log.GetOffsetsAsync("t")).Sum(o => o.EndOffset));
    }
}
