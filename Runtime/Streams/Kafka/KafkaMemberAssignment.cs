using System.Buffers.Binary;
using System.Text;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Runtime.Streams.Kafka;

/// <summary>
/// Decodes a consumer-group member's assignment as the group coordinator returns it (DescribeGroups): Kafka's
/// ConsumerProtocolAssignment, big-endian: int16 version, int32 topic count, then per topic an int16-length UTF-8
/// name, an int32 partition count and the int32 partitions, then (ignored) user data.
/// </summary>
/// <remarks>
/// Read from the legacy DescribeGroups API (Confluent.Kafka's <c>ListGroup</c>), which the provider used while it ran on
/// librdkafka 2.0 (the newer DescribeConsumerGroups binding needs librdkafka 2.3+); with the bundled 2.16 it could move
/// to DescribeConsumerGroups, which has not been done.
/// </remarks>
public static class KafkaMemberAssignment
{
    /// <summary>The partitions in <paramref name="assignment"/>; empty for null or empty bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a ConsumerProtocolAssignment.</exception>
    public static IReadOnlyList<TopicPartition> Decode(ReadOnlySpan<byte> assignment)
    {
        if (assignment.IsEmpty)
        {
            return [];
        }

        var position = 0;
        _ = ReadInt16(assignment, ref position);
        var topics = ReadInt32(assignment, ref position);
        List<TopicPartition> partitions = [];
        for (var t = 0; t < topics; t++)
        {
            var length = ReadInt16(assignment, ref position);
            if (length < 0 || length > assignment.Length - position)
            {
                throw new InvalidDataException($"Corrupt member assignment: a topic name of {length} bytes overruns the {assignment.Length}-byte encoding.");
            }

            var topic = Encoding.UTF8.GetString(assignment.Slice(position, length));
            position += length;
            var count = ReadInt32(assignment, ref position);
            for (var p = 0; p < count; p++)
            {
                partitions.Add(new TopicPartition(topic, ReadInt32(assignment, ref position)));
            }
        }

        return partitions;
    }

    private static short ReadInt16(ReadOnlySpan<byte> data, ref int position)
    {
        if (data.Length - position < 2)
        {
            throw new InvalidDataException("Corrupt member assignment: truncated.");
        }

        var value = BinaryPrimitives.ReadInt16BigEndian(data[position..]);
        position += 2;
        return value;
    }

    private static int ReadInt32(ReadOnlySpan<byte> data, ref int position)
    {
        if (data.Length - position < 4)
        {
            throw new InvalidDataException("Corrupt member assignment: truncated.");
        }

        var value = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
        position += 4;
        if (value < 0)
        {
            throw new InvalidDataException($"Corrupt member assignment: negative count or partition {value}.");
        }

        return value;
    }
}
