using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Tests.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Log;

public sealed class LogRetentionServiceTests : IDisposable
{
    private readonly SqliteLogTestDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Each_interval_removes_the_records_past_the_logs_retention_age()
    {
        await using var log = _directory.Open(_clock, o => o.RetentionAge = TimeSpan.FromHours(1));
        await log.CreateTopicAsync("t", 1);
        await log.AppendAsync("t", [new StreamRecord("k", Encoding.UTF8.GetBytes("old0")), new StreamRecord("k", Encoding.UTF8.GetBytes("old1"))]);
        _clock.Advance(TimeSpan.FromMinutes(61));
        await log.AppendAsync("t", [new StreamRecord("k", Encoding.UTF8.GetBytes("new"))]);
        using var service = new LogRetentionService(log, TimeSpan.FromMinutes(5), _clock, NullLogger<LogRetentionService>.Instance);
        var runs = System.Threading.Channels.Channel.CreateUnbounded<long>();
        service.Applied += removed => runs.Writer.TryWrite(removed);
        await service.StartAsync(CancellationToken.None);

        // The first tick removes the two records older than an hour; offsets stay where they were.
        await _clock.WhenTimerArmedAsync(_clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, await runs.Reader.ReadAsync());
        Assert.Equal(new PartitionOffsets(0, 2, 3), (await log.GetOffsetsAsync("t"))[0]);

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_zero_interval_turns_retention_off()
    {
        await using var log = _directory.Open(_clock);
        using var service = new LogRetentionService(log, TimeSpan.Zero, _clock, NullLogger<LogRetentionService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;
        Assert.Equal(0, _clock.ActiveTimerCount);
    }
}
