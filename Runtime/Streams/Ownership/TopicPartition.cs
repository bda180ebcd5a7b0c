namespace StreamOrleans.Runtime.Streams.Ownership;

/// <summary>One partition of one topic: the unit of ownership among replicas (as Kafka's TopicPartition).</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}/{Partition}";
}
