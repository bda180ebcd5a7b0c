using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Streaming.Routing;
using StreamOrleans.Tests.Streaming.Support;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Provider;

/// <summary>
/// What a grain producing on a log stream writes: a plain record a Kafka consumer reads, with the trace context; and
/// which queues the provider makes for the kinds of topic it carries.
/// </summary>
public sealed class LogQueueAdapterTests
{
    [Fact]
    public async Task Events_produced_through_Orleans_are_plain_keyed_JSON_records_with_the_trace_context()
    {
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path });
        var options = new LogStreamOptions { DefaultPartitions = 4 };
        options.Topics.Add(LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default));
        var factory = new LogQueueAdapterFactory("log", options, log, TimeProvider.System, NullLoggerFactory.Instance);
        var adapter = await factory.CreateAdapter(CancellationToken.None);

        using var activity = new Activity("produce").SetIdFormat(ActivityIdFormat.W3C).Start();
        await adapter.QueueMessageBatchAsync(StreamId.Create(CounterEvent.Topic, "user-7"), [new CounterEvent(5), new CounterEvent(6)], null, null);

        var partition = StreamOrleans.Streaming.Log.StreamPartitioner.GetPartition("user-7", 4);
        var records = await log.ReadAsync(CounterEvent.Topic, partition, 0, 10);
        Assert.Equal(["""{"amount":5}""", """{"amount":6}"""], records.Select(r => Encoding.UTF8.GetString(r.Value.Span)));
        Assert.All(records, r => Assert.Equal(("user-7", activity.Id), (r.Key, r.Headers["traceparent"])));
        Assert.Equal(4, factory.GetStreamQueueMapper().GetAllQueues().Count());
    }

    [Fact]
    public async Task A_topic_that_exists_with_another_partition_count_is_refused_naming_the_setting()
    {
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path });
        await log.CreateTopicAsync(CounterEvent.Topic, 2);
        var options = new LogStreamOptions { DefaultPartitions = 8 };
        options.Topics.Add(LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default));
        var factory = new LogQueueAdapterFactory("log", options, log, TimeProvider.System, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.CreateAdapter(CancellationToken.None));
        Assert.Contains("Streams:Topics:counter-events:Partitions=2", error.Message, StringComparison.Ordinal);

        // The setting the message names is read from configuration, and then the provider starts.
        var configured = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Streams:Topics:counter-events:Partitions"] = "2", ["Streams:DefaultPartitions"] = "8" })
            .Build().GetSection(LogStreamOptions.SectionName).Get<LogStreamOptions>()!;
        configured.Topics.Add(LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default));
        var started = new LogQueueAdapterFactory("log", configured, log, TimeProvider.System, NullLoggerFactory.Instance);
        await started.CreateAdapter(CancellationToken.None);
        Assert.Equal(2, started.GetStreamQueueMapper().GetAllQueues().Count());
    }

    [Fact]
    public async Task A_raw_record_produced_through_Orleans_keeps_its_bytes_and_headers_and_the_trace_context_wins()
    {
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path });
        var options = new LogStreamOptions { DefaultPartitions = 1 };
        options.Topics.Add(LogTopic.Raw("frames-annotated", consumed: false));
        var adapter = await new LogQueueAdapterFactory("log", options, log, TimeProvider.System, NullLoggerFactory.Instance).CreateAdapter(CancellationToken.None);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9];
        var headers = new Dictionary<string, string> { ["frame-number"] = "7", [TraceHeaders.TraceParent] = "00-00000000000000000000000000000001-0000000000000001-01" };

        await adapter.QueueMessageBatchAsync(StreamId.Create("frames-annotated", "cam-1"), [new RawRecord(jpeg, headers)], null, null);
        using (var activity = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            activity.TraceStateString = "vendor=1";
            await adapter.QueueMessageBatchAsync(StreamId.Create("frames-annotated", "cam-1"), [new RawRecord(jpeg, headers)], null, null);
            headers[TraceHeaders.TraceParent] = activity.Id!;
        }

        var records = await log.ReadAsync("frames-annotated", 0, 0, 10);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("cam-1", r.Key));
        Assert.All(records, r => Assert.Equal(jpeg, r.Value.ToArray()));
        Assert.Equal(
            ["frame-number=7", "traceparent=00-00000000000000000000000000000001-0000000000000001-01"],
            records[0].Headers.Select(h => $"{h.Key}={h.Value}").Order(StringComparer.Ordinal));
        Assert.Equal(
            ["frame-number=7", $"traceparent={headers[TraceHeaders.TraceParent]}", "tracestate=vendor=1"],
            records[1].Headers.Select(h => $"{h.Key}={h.Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_raw_topic_refuses_an_item_that_is_not_a_RawRecord_and_writes_nothing()
    {
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path });
        var options = new LogStreamOptions { DefaultPartitions = 1 };
        options.Topics.Add(LogTopic.Raw("frames"));
        var adapter = await new LogQueueAdapterFactory("log", options, log, TimeProvider.System, NullLoggerFactory.Instance).CreateAdapter(CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => adapter.QueueMessageBatchAsync(StreamId.Create("frames", "cam-1"), [new CounterEvent(1)], null, null));

        Assert.Contains("A raw topic takes RawRecords, not CounterEvent", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single(await log.GetOffsetsAsync("frames")).EndOffset);
    }

    [Fact]
    public async Task Output_topics_are_created_in_the_log_and_produced_to_but_get_no_queues()
    {
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path });
        var options = new LogStreamOptions { DefaultPartitions = 4 };
        options.Topics.Add(LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default));
        options.Topics.Add(LogTopic.Output<CounterEvent>("counter-output", GrainsJsonContext.Default, partitions: 2));
        options.Topics.Add(LogTopic.Raw("frames-annotated", consumed: false));
        var factory = new LogQueueAdapterFactory("log", options, log, TimeProvider.System, NullLoggerFactory.Instance);
        var adapter = await factory.CreateAdapter(CancellationToken.None);

        var queues = factory.GetStreamQueueMapper().GetAllQueues().Select(LogQueueMapper.Describe).ToList();
        Assert.Equal([.. Enumerable.Range(0, 4).Select(p => (CounterEvent.Topic, p))], queues.Order());
        Assert.Equal(2, (await log.GetTopicAsync("counter-output"))!.Partitions);
        Assert.Equal(4, (await log.GetTopicAsync("frames-annotated"))!.Partitions);

        await adapter.QueueMessageBatchAsync(StreamId.Create("counter-output", "k"), [new CounterEvent(9)], null, null);
        var partition = StreamOrleans.Streaming.Log.StreamPartitioner.GetPartition("k", 2);
        var record = Assert.Single(await log.ReadAsync("counter-output", partition, 0, 10));
        Assert.Equal(("k", """{"amount":9}"""), (record.Key, Encoding.UTF8.GetString(record.Value.Span)));
    }

    [Fact]
    public async Task The_start_check_for_consumers_looks_at_the_namespaces_a_router_targets_not_at_the_routed_topic()
    {
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path });
        await using var services = new ServiceCollection().BuildServiceProvider();
        var recorder = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(recorder));
        var options = new LogStreamOptions { DefaultPartitions = 1 };
        options.Topics.Add(LogTopic.Routed<ProbeEvent, ProbeRouter>(ProbeRouter.Topic, ProbeJsonContext.Default) with
        {
            Router = _ => new ProbeRouter { Namespaces = [ProbeEvent.Topic, "nobody-listens"] },
        });
        options.Topics.Add(LogTopic.Output<CounterEvent>("counter-output", GrainsJsonContext.Default));
        var factory = new LogQueueAdapterFactory("log", options, log, TimeProvider.System, loggers, grainClasses: () => [typeof(ProbeGrain)], services: services);

        await factory.CreateAdapter(CancellationToken.None);

        // ProbeGrain consumes "probe-events"; "probe-routed" itself is nobody's namespace, and an output topic needs no consumer.
        var warning = Assert.Single(recorder.Messages, m => m.Level == LogLevel.Warning);
        Assert.StartsWith("Stream namespace 'nobody-listens' of stream provider 'log' has no [ImplicitStreamSubscription]", warning.Message, StringComparison.Ordinal);
    }
}
