using System.Buffers.Binary;
using System.Text;
using StreamOrleans.Runtime.Streams.Kafka;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>How a replica finds another's partitions and address in the group description; no broker needed.</summary>
public sealed class KafkaMembershipEncodingTests
{
    [Fact]
    public void Client_id_carries_member_id_and_address()
    {
        var clientId = KafkaMemberClientId.Format("streamorleans", "host-12-ab", new Uri("http://10.0.0.5:8080"));

        Assert.Equal("streamorleans-member|host-12-ab|http://10.0.0.5:8080/", clientId);
        Assert.True(KafkaMemberClientId.TryParse(clientId, out var memberId, out var address));
        Assert.Equal("host-12-ab", memberId);
        Assert.Equal(new Uri("http://10.0.0.5:8080"), address);
    }

    [Fact]
    public void Client_id_without_address_or_of_another_client_is_recognized()
    {
        Assert.True(KafkaMemberClientId.TryParse(KafkaMemberClientId.Format("so", "m", null), out var memberId, out var address));
        Assert.Equal("m", memberId);
        Assert.Null(address);
        Assert.False(KafkaMemberClientId.TryParse("rdkafka", out _, out _));
        Assert.False(KafkaMemberClientId.TryParse(null, out _, out _));
        Assert.Throws<ArgumentException>(() => KafkaMemberClientId.Format("so", "a|b", null));
    }

    [Fact]
    public void Consumer_protocol_assignment_decodes_to_topic_partitions()
    {
        var bytes = Assignment(("counts", [0, 3]), ("tagged", [1]));

        var partitions = KafkaMemberAssignment.Decode(bytes);

        Assert.Equal([new TopicPartition("counts", 0), new TopicPartition("counts", 3), new TopicPartition("tagged", 1)], partitions);
        Assert.Empty(KafkaMemberAssignment.Decode([]));
        Assert.Throws<InvalidDataException>(() => KafkaMemberAssignment.Decode(bytes[..^6]));
    }

    /// <summary>Kafka's ConsumerProtocolAssignment v1 as a Java or librdkafka leader writes it, with empty user data.</summary>
    private static byte[] Assignment(params (string Topic, int[] Partitions)[] topics)
    {
        using var stream = new MemoryStream();
        var buffer = new byte[4];
        void Int16(short v)
        {
            BinaryPrimitives.WriteInt16BigEndian(buffer, v);
            stream.Write(buffer, 0, 2);
        }

        void Int32(int v)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, v);
            stream.Write(buffer, 0, 4);
        }

        Int16(1);
        Int32(topics.Length);
        foreach (var (topic, partitions) in topics)
        {
            var name = Encoding.UTF8.GetBytes(topic);
            Int16((short)name.Length);
            stream.Write(name);
            Int32(partitions.Length);
            foreach (var p in partitions)
            {
                Int32(p);
            }
        }

        Int32(0);
        return stream.ToArray();
    }
}
