using System.Text;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

public sealed class SqliteStreamLogWaitTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private readonly SqliteLogTestDirectory _directory = new();

    // A clock that never moves: polling never fires, so only the in-process signal can wake a waiter.
    private readonly ManualTimeProvider _frozen = new();

    public void Dispose() => _directory.Dispose();

    private static StreamRecord[] One(string key) => [new StreamRecord(key, Encoding.UTF8.GetBytes("v"))];

    [Fact]
    public async Task Completes_at_once_when_a_record_exists()
    {
        await using var log = _directory.Open(_frozen);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", One("k"));

        Assert.True(log.WaitForRecordsAsync("t", 0, 0, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Wakes_on_an_in_process_append_without_polling()
    {
        await using var log = _directory.Open(_frozen);
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", One("k"));

        var waiting = log.WaitForRecordsAsync("t", 0, 1, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        await log.AppendAsync("t", One("k"));
        await waiting.WaitAsync(Generous);
    }

    [Fact]
    public async Task An_append_to_another_partition_does_not_complete_the_wait()
    {
        await using var log = _directory.Open(_frozen);
        await log.CreateTopicAsync("t", 2);
        var key0 = Enumerable.Range(0, 100).Select(i => $"k{i}").First(k => StreamOrleans.Streaming.Log.StreamPartitioner.GetPartition(k, 2) == 0);
        var key1 = Enumerable.Range(0, 100).Select(i => $"k{i}").First(k => StreamOrleans.Streaming.Log.StreamPartitioner.GetPartition(k, 2) == 1);

        var waiting = log.WaitForRecordsAsync("t", 0, 0, CancellationToken.None).AsTask();
        await log.AppendAsync("t", One(key1));
        Assert.False(waiting.IsCompleted);

        await log.AppendAsync("t", One(key0));
        await waiting.WaitAsync(Generous);
    }

    [Fact]
    public async Task Wakes_on_an_append_by_a_second_instance_on_the_same_file()
    {
        await using var waiter = _directory.Open(TimeProvider.System, o => o.PollInterval = TimeSpan.FromMilliseconds(10));
        await using var appender = _directory.Open(_frozen);
        await appender.CreateTopicAsync("t", 1);

        var waiting = waiter.WaitForRecordsAsync("t", 0, 0, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        await appender.AppendAsync("t", One("k"));
        await waiting.WaitAsync(Generous);
        Assert.Single(await waiter.ReadAsync("t", 0, 0, 10));
    }

    [Fact]
    public async Task Cancellation_ends_the_wait()
    {
        await using var log = _directory.Open(_frozen);
        await log.CreateTopicAsync("t", 1);
        using var cancellation = new CancellationTokenSource();

        var waiting = log.WaitForRecordsAsync("t", 0, 0, cancellation.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Generous));
    }

    [Fact]
    public async Task Disposing_the_log_ends_the_wait()
    {
        var log = _directory.Open(_frozen);
        await log.CreateTopicAsync("t", 1);

        var waiting = log.WaitForRecordsAsync("t", 0, 0, CancellationToken.None).AsTask();
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Generous));
    }
}
