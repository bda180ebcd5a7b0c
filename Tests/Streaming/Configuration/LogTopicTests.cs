using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Routing;
using StreamOrleans.Tests.Streaming.Support;

namespace StreamOrleans.Tests.Streaming.Configuration;

/// <summary>The kinds of topic a provider carries: consumed (keyed streams), routed, output (no consumer in the silo) and raw (bytes).</summary>
public sealed class LogTopicTests
{
    [Fact]
    public void A_plain_topic_is_consumed_decoded_and_keyed_by_record_key()
    {
        var topic = LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default, partitions: 3);

        Assert.Equal((CounterEvent.Topic, typeof(CounterEvent), 3), (topic.Name, topic.EventType, topic.Partitions));
        Assert.Same(GrainsJsonContext.Default, topic.Resolver);
        Assert.True(topic.Consumed);
        Assert.False(topic.IsRaw);
        Assert.Null(topic.Router);
    }

    [Fact]
    public void A_routed_topic_creates_its_router_from_the_silos_services()
    {
        var topic = LogTopic.Routed<ProbeEvent, ProbeRouter>(ProbeRouter.Topic, ProbeJsonContext.Default);
        using var services = new ServiceCollection().BuildServiceProvider();

        var router = topic.Router!(services);

        Assert.IsType<ProbeRouter>(router);
        Assert.Equal([ProbeEvent.Topic], router.Namespaces);
        Assert.True(topic.Consumed);
        Assert.False(topic.IsRaw);
        Assert.Equal(typeof(ProbeEvent), topic.EventType);
    }

    [Fact]
    public void An_output_topic_is_not_consumed()
    {
        var topic = LogTopic.Output<CounterEvent>("counter-output", GrainsJsonContext.Default);

        Assert.False(topic.Consumed);
        Assert.Null(topic.Router);
        Assert.Same(GrainsJsonContext.Default, topic.Resolver);
    }

    [Fact]
    public void A_raw_topic_carries_RawRecords_without_a_JSON_resolver()
    {
        var consumed = LogTopic.Raw("frames", partitions: 2);
        var output = LogTopic.Raw("frames-annotated", consumed: false);

        Assert.Equal((typeof(RawRecord), true, true, 2), (consumed.EventType, consumed.IsRaw, consumed.Consumed, consumed.Partitions));
        Assert.Null(consumed.Resolver);
        Assert.Equal((true, false, (int?)null), (output.IsRaw, output.Consumed, output.Partitions));
    }
}
