using System.Text;
using Confluent.Kafka;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Kafka;

namespace StreamOrleans.Tests.Streaming.Log.Kafka;

/// <summary>Records survive the trip to a Kafka message and back (as a consumer would see it); no broker needed.</summary>
public sealed class KafkaRecordCodecTests
{
    private static readonly DateTimeOffset AppendedAt = new(2026, 11, 21, 20, 15, 30, 123, TimeSpan.Zero);

    [Fact]
    public void Key_value_and_headers_round_trip()
    {
        var record = new StreamRecord("sensor-7", Encoding.UTF8.GetBytes("{\"v\":1}"), new Dictionary<string, string>
        {
            ["content-type"] = "application/json",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        });

        var message = KafkaRecordCodec.ToMessage(record);
        var log = KafkaRecordCodec.ToLogRecord(Consumed(message, "events", 3, 42));

        Assert.Equal("sensor-7", message.Key);
        Assert.Equal(2, message.Headers.Count);
        Assert.Equal("events", log.Topic);
        Assert.Equal(3, log.Partition);
        Assert.Equal(42, log.Offset);
        Assert.Equal(AppendedAt, log.Timestamp);
        Assert.Equal("sensor-7", log.Key);
        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString(log.Value.Span));
        Assert.Equal(record.Headers, log.Headers);
    }

    [Fact]
    public void Missing_and_empty_headers_read_back_as_empty()
    {
        var none = KafkaRecordCodec.ToMessage(new StreamRecord("k", Array.Empty<byte>()));
        var empty = KafkaRecordCodec.ToMessage(new StreamRecord("k", Array.Empty<byte>(), new Dictionary<string, string>()));

        Assert.Null(none.Headers);
        Assert.Null(empty.Headers);
        Assert.Empty(KafkaRecordCodec.ToLogRecord(Consumed(none, "t", 0, 0)).Headers);
        Assert.Empty(KafkaRecordCodec.ToLogRecord(Consumed(new Message<string, byte[]> { Key = "k", Value = [], Headers = [] }, "t", 0, 0)).Headers);
        Assert.Equal(0, KafkaRecordCodec.ToLogRecord(Consumed(none, "t", 0, 0)).Value.Length);
    }

    [Fact]
    public void Unicode_keys_and_headers_are_utf8()
    {
        var record = new StreamRecord("Zürich-東京-🚀", new byte[] { 0, 255, 1 }, new Dictionary<string, string> { ["città"] = "naïve ☕ 𝄞", ["empty"] = "" });

        var message = KafkaRecordCodec.ToMessage(record);
        var log = KafkaRecordCodec.ToLogRecord(Consumed(message, "t", 1, 7));

        Assert.Equal(Encoding.UTF8.GetBytes("naïve ☕ 𝄞"), message.Headers.GetLastBytes("città"));
        Assert.Equal("Zürich-東京-🚀", log.Key);
        Assert.Equal(new byte[] { 0, 255, 1 }, log.Value.ToArray());
        Assert.Equal("naïve ☕ 𝄞", log.Headers["città"]);
        Assert.Equal("", log.Headers["empty"]);
    }

    [Fact]
    public void Repeated_header_names_keep_the_last_value_and_null_values_read_as_empty()
    {
        var headers = new Headers { { "h", Encoding.UTF8.GetBytes("first") }, { "h", Encoding.UTF8.GetBytes("last") }, { "n", null } };

        var decoded = KafkaRecordCodec.DecodeHeaders(headers);

        Assert.Equal("last", decoded["h"]);
        Assert.Equal("", decoded["n"]);
    }

    [Fact]
    public void Null_keys_and_header_values_are_rejected_before_sending()
    {
        Assert.Throws<ArgumentException>(() => KafkaRecordCodec.ToMessage(new StreamRecord(null!, Array.Empty<byte>())));
        Assert.Throws<ArgumentException>(() => KafkaRecordCodec.ToMessage(new StreamRecord("k", Array.Empty<byte>(), new Dictionary<string, string> { ["h"] = null! })));
    }

    private static ConsumeResult<string, byte[]> Consumed(Message<string, byte[]> message, string topic, int partition, long offset)
    {
        message.Timestamp = new Timestamp(AppendedAt.ToUnixTimeMilliseconds(), TimestampType.LogAppendTime);
        return new ConsumeResult<string, byte[]>
        {
            Message = message,
            TopicPartitionOffset = new TopicPartitionOffset(topic, new Partition(partition), new Offset(offset)),
        };
    }
}
