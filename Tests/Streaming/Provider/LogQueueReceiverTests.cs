using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Streams;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Streaming.Cache;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Streaming.Routing;
using StreamOrleans.Tests.Streaming.Support;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Provider;

/// <summary>
/// A queue's receiver and cache as Orleans' pulling agent drives them: a routed record becomes one container per target
/// stream, all at the record's own position, and the queue commits it only when every target's consumer confirmed it;
/// a raw record keeps its bytes, headers and append time.
/// </summary>
public sealed class LogQueueReceiverTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteStreamLog _log = null!;
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = _directory.Path });
        _services = new ServiceCollection().BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _log.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_routed_record_fanned_out_to_three_streams_is_committed_only_after_all_three_consumers_confirmed_it()
    {
        var (cache, receiver) = await StartQueueAsync(LogTopic.Routed<ProbeEvent, ProbeRouter>(ProbeRouter.Topic, ProbeJsonContext.Default));
        await Append(ProbeRouter.Topic, ("a,b,c", """{"action":"count"}"""), ("b", """{"action":"count"}"""));

        var batch = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        // One container per target stream, each carrying the record at its own position in the topic.
        Assert.Equal(
            [("a", 0L), ("b", 0L), ("c", 0L), ("b", 1L)],
            batch.Cast<LogBatchContainer>().Select(c => (c.StreamId.GetKeyAsString(), c.Events.Single().Offset)));
        Assert.All(batch, c => Assert.Equal((ProbeEvent.Topic, ProbeRouter.Topic), (c.StreamId.GetNamespace(), ((LogBatchContainer)c).Topic)));
        Assert.All(batch, c => Assert.Equal(new ProbeEvent("count"), Assert.Single(c.GetEvents<ProbeEvent>()).Item1));
        cache.AddToCache(batch);
        using var a = cache.GetCacheCursor(StreamId.Create(ProbeEvent.Topic, "a"), null);
        using var b = cache.GetCacheCursor(StreamId.Create(ProbeEvent.Topic, "b"), null);
        using var c = cache.GetCacheCursor(StreamId.Create(ProbeEvent.Topic, "c"), null);
        a.MoveNextWithResult();
        b.MoveNextWithResult();
        c.MoveNextWithResult();

        // a and b applied their deliveries (the agent moves a cursor again only after its delivery returned); c did not.
        a.MoveNextWithResult();
        b.MoveNextWithResult();
        await DeliveredAsync(cache, receiver);
        Assert.Empty(await _log.GetCommittedOffsetsAsync("grains", ProbeRouter.Topic));

        c.MoveNextWithResult();
        await DeliveredAsync(cache, receiver);
        Assert.Equal(2, (await _log.GetCommittedOffsetsAsync("grains", ProbeRouter.Topic))[0]);
    }

    [Fact]
    public async Task A_record_the_router_sends_nowhere_is_dropped_and_committed()
    {
        var (cache, receiver) = await StartQueueAsync(LogTopic.Routed<ProbeEvent, ProbeRouter>(ProbeRouter.Topic, ProbeJsonContext.Default));
        await Append(ProbeRouter.Topic, (",", """{"action":"count"}"""));

        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        await DeliveredAsync(cache, receiver);

        Assert.Equal(1, (await _log.GetCommittedOffsetsAsync("grains", ProbeRouter.Topic))[0]);
    }

    [Fact]
    public async Task A_raw_record_is_delivered_with_its_bytes_headers_and_append_time()
    {
        var (_, receiver) = await StartQueueAsync(LogTopic.Raw("frames"));
        byte[] jpeg = [0xFF, 0xD8, 0x01, 0x02, 0xFF, 0xD9];
        var appended = await _log.AppendAsync("frames", [new StreamRecord("cam-1", jpeg, new Dictionary<string, string> { ["frame-number"] = "3" })]);
        var stored = Assert.Single(await _log.ReadAsync("frames", 0, 0, 1));

        var container = (LogBatchContainer)Assert.Single(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));

        Assert.Equal(StreamId.Create("frames", "cam-1"), container.StreamId);
        var (item, token) = Assert.Single(container.GetEvents<RawRecord>());
        Assert.Equal(jpeg, item.Value);
        Assert.Equal(["frame-number=3"], item.Headers.Select(h => $"{h.Key}={h.Value}"));
        Assert.Equal(stored.Timestamp, item.Timestamp);
        Assert.Equal(new LogSequenceToken("frames", 0, Assert.Single(appended).Offset), token);
    }

    [Fact]
    public async Task Records_retention_deleted_before_the_queue_read_them_are_counted_as_expired()
    {
        var expired = new List<(long Count, string? Topic)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "streamorleans.stream.records_expired")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "topic" && (string?)tag.Value == "expiring-frames")
                {
                    lock (expired)
                    {
                        expired.Add((value, "expiring-frames"));
                    }
                }
            }
        });
        listener.Start();

        var clock = new ManualTimeProvider();
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path, RetentionAge = TimeSpan.FromMinutes(1) }, clock);
        await log.CreateTopicAsync("expiring-frames", 1);
        await log.AppendAsync("expiring-frames", [.. Enumerable.Range(0, 3).Select(i => new StreamRecord("cam-1", new byte[] { 0xFF, (byte)i }))]);
        clock.Advance(TimeSpan.FromMinutes(2));
        await log.AppendAsync("expiring-frames", [.. Enumerable.Range(0, 2).Select(i => new StreamRecord("cam-1", new byte[] { 0xFE, (byte)i }))]);
        Assert.Equal(3, await log.ApplyRetentionAsync());

        var (_, receiver) = await StartQueueAsync(LogTopic.Raw("expiring-frames"), log);
        var batch = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        Assert.Equal([3L, 4L], batch.Cast<LogBatchContainer>().Select(c => c.Events.Single().Offset));
        lock (expired)
        {
            Assert.Equal([(3L, (string?)"expiring-frames")], expired);
        }
    }

    [Fact]
    public async Task A_queue_whose_start_failed_starts_from_its_committed_offset_at_the_next_read()
    {
        // Taken over while the log's database restarted: reading the committed offset fails once. Orleans' agent calls
        // Initialize once and pumps the receiver anyway, so the receiver must start at the next read.
        await _log.CreateTopicAsync("restarting-raw", 1);
        await _log.AppendAsync("restarting-raw", [.. Enumerable.Range(0, 5).Select(i => new StreamRecord("k", new byte[] { (byte)i }))]);
        await _log.CommitAsync(new LogStreamOptions().ConsumerGroup, "restarting-raw", 0, 3);
        var restarting = CommittedOffsetsFailOnce.Wrap(_log);

        var (_, receiver) = await CreateQueueAsync(LogTopic.Raw("restarting-raw"), restarting);
        // The agent's own handling: an Initialize that fails is logged and the queue is pumped all the same.
        await Record.ExceptionAsync(() => receiver.Initialize(TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.DoesNotContain("restarting-raw/0", LogStreamInstruments.ReadingQueues());

        var batch = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal([3L, 4L], batch.Cast<LogBatchContainer>().Select(c => c.Events.Single().Offset));
        Assert.Contains("restarting-raw/0", LogStreamInstruments.ReadingQueues());
        await receiver.Shutdown(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    private async Task<(LogQueueCache Cache, IQueueAdapterReceiver Receiver)> StartQueueAsync(LogTopic topic, IStreamLog? log = null)
    {
        var (cache, receiver) = await CreateQueueAsync(topic, log);
        await receiver.Initialize(TimeSpan.FromSeconds(10), CancellationToken.None);
        return (cache, receiver);
    }

    private async Task<(LogQueueCache Cache, IQueueAdapterReceiver Receiver)> CreateQueueAsync(LogTopic topic, IStreamLog? log = null)
    {
        var options = new LogStreamOptions
        {
            DefaultPartitions = 1,
            CheckpointEvents = 1,
            CheckpointInterval = TimeSpan.FromHours(1),
            ReadWait = TimeSpan.Zero,
        };
        options.Topics.Add(topic);
        var factory = new LogQueueAdapterFactory("log", options, log ?? _log, TimeProvider.System, NullLoggerFactory.Instance, services: _services);
        await factory.CreateAdapter(CancellationToken.None);
        var queue = Assert.Single(factory.GetStreamQueueMapper().GetAllQueues());
        var cache = (LogQueueCache)factory.CreateQueueCache(queue);
        return (cache, factory.CreateReceiver(queue));
    }

    private async Task Append(string topic, params (string Key, string Json)[] records) =>
        await _log.AppendAsync(topic, [.. records.Select(r => new StreamRecord(r.Key, Encoding.UTF8.GetBytes(r.Json)))]);

    // What the pulling agent does after deliveries: purge what every cursor confirmed, then tell the receiver.
    private static async Task DeliveredAsync(LogQueueCache cache, IQueueAdapterReceiver receiver)
    {
        cache.TryPurgeFromCache(out var purged);
        await receiver.MessagesDeliveredAsync(purged ?? [], CancellationToken.None);
    }

    /// <summary>An <see cref="IStreamLog"/> whose first <see cref="IStreamLog.GetCommittedOffsetsAsync"/> fails, as during a database restart.</summary>
    public class CommittedOffsetsFailOnce : DispatchProxy
    {
        private IStreamLog _inner = null!;
        private int _failed;

        public static IStreamLog Wrap(IStreamLog inner)
        {
            var proxy = Create<IStreamLog, CommittedOffsetsFailOnce>();
            ((CommittedOffsetsFailOnce)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IStreamLog.GetCommittedOffsetsAsync) && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new TimeoutException("the database is restarting");
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}
