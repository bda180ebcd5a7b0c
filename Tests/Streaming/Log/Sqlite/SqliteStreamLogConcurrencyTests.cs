using System.Text;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class SqliteStreamLogConcurrencyTests : IDisposable
{
    private readonly SqliteLogTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Appends_reads_commits_and_retention_can_run_at_once()
    {
        const int Partitions = 3;
        const int Appenders = 3;
        const int Batches = 20;
        const int BatchSize = 25;
        await using var log = _directory.Open(configure: o =>
        {
            o.RetentionBytesPerPartition = 2_000;
            o.RetentionDeleteBatchSize = 100;
            o.ReaderPoolSize = 1;
        });
        await log.CreateTopicAsync("t", Partitions);
        using var stop = new CancellationTokenSource();

        var appenders = Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            for (var b = 0; b < Batches; b++)
            {
                await log.AppendAsync("t", Enumerable.Range(0, BatchSize).Select(i => new StreamRecord($"k{a}-{i}", Encoding.UTF8.GetBytes($"{a}/{b}/{i}"))).ToArray());
                if (a == 0)
                {
                    // Retention runs while the other appenders and the readers carry on.
                    await log.ApplyRetentionAsync();
                }
            }
        })).ToArray();
        var readers = Enumerable.Range(0, Partitions).Select(p => Task.Run(async () =>
        {
            long next = 0;
            var reads = 0;
            while (true)
            {
                try
                {
                    await log.WaitForRecordsAsync("t", p, next, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return reads;
                }

                var batch = await log.ReadAsync("t", p, next, 50);
                for (var i = 1; i < batch.Count; i++)
                {
                    Assert.Equal(batch[i - 1].Offset + 1, batch[i].Offset);
                }

                if (batch.Count > 0)
                {
                    Assert.True(batch[0].Offset >= next);
                    next = batch[^1].Offset + 1;
                    await log.CommitAsync("g", "t", p, next);
                }

                reads++;
            }
        })).ToArray();

        await Task.WhenAll(appenders);
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        await log.ApplyRetentionAsync();

        var offsets = await log.GetOffsetsAsync("t");
        Assert.Equal(Appenders * Batches * BatchSize, offsets.Sum(o => o.EndOffset));
        foreach (var range in offsets)
        {
            var kept = await log.ReadAsync("t", range.Partition, 0, int.MaxValue);
            Assert.Equal(Enumerable.Range(0, (int)(range.EndOffset - range.StartOffset)).Select(i => range.StartOffset + i), kept.Select(r => r.Offset));
            Assert.InRange(kept.Sum(r => r.Value.Length + r.Key.Length), 1, 2_000);
        }

        Assert.Equal(Partitions, (await log.GetCommittedOffsetsAsync("g", "t")).Count);
    }
}
