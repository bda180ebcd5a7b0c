using Orleans.Runtime;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Tests.Streaming.Provider;

public class LogQueueMapperTests
{
    [Fact]
    public void A_stream_maps_to_the_partition_a_Kafka_producer_would_pick_for_its_key()
    {
        var mapper = new LogQueueMapper(new Dictionary<string, int> { ["user-events"] = 8, ["posts"] = 3 });
        foreach (var key in new[] { "user-1", "user-42", "ü-ñ", "" })
        {
            var queue = mapper.GetQueueForStream(StreamId.Create("user-events", key));
            Assert.Equal(("user-events", StreamPartitioner.GetPartition(key, 8)), LogQueueMapper.Describe(queue));
        }

        Assert.Equal(11, mapper.GetAllQueues().Distinct().Count());
    }

    [Fact]
    public void An_unknown_topic_is_refused_naming_the_known_ones()
    {
        var mapper = new LogQueueMapper(new Dictionary<string, int> { ["posts"] = 1 });
        var error = Assert.Throws<ArgumentException>(() => mapper.GetQueueForStream(StreamId.Create("nope", "k")));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("posts", error.Message, StringComparison.Ordinal);
    }
}
