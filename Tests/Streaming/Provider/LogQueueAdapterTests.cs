using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streaming.Provider;

/// <summary>What a grain producing on a log stream writes: a plain record a Kafka consumer reads, with the trace context.</summary>
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

        var partition = StreamOrleans.Runtime.Streams.StreamPartitioner.GetPartition("user-7", 4);
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
}
