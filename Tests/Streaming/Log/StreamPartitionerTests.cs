using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Streaming.Log;

public class StreamPartitionerTests
{
    // Known answers from Apache Kafka's UtilsTest.testMurmur2, so our layout matches Kafka's default partitioner.
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Murmur2_matches_kafka(string key, int expected) => Assert.Equal(expected, StreamPartitioner.Murmur2(key));

    [Fact]
    public void Partition_is_stable_and_in_range()
    {
        for (var i = 0; i < 1000; i++)
        {
            var key = $"user-{i}";
            var p = StreamPartitioner.GetPartition(key, 7);
            Assert.InRange(p, 0, 6);
            Assert.Equal(p, StreamPartitioner.GetPartition(key, 7));
        }
    }

    [Fact]
    public void Keys_spread_over_partitions()
    {
        var counts = new int[8];
        for (var i = 0; i < 8000; i++)
        {
            counts[StreamPartitioner.GetPartition($"key-{i}", 8)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void Long_keys_use_pooled_buffer() =>
        Assert.Equal(StreamPartitioner.Murmur2(System.Text.Encoding.UTF8.GetBytes(new string('x', 1000))), StreamPartitioner.Murmur2(new string('x', 1000)));
}
