using Orleans.Streams;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// A record's position in the log: topic, partition and offset. Offsets are dense and increase per partition, and a
/// stream (topic, key) lives in exactly one partition, so within a stream tokens order as offsets do.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LogSequenceToken : StreamSequenceToken
{
    /// <summary>Creates the token of <paramref name="offset"/> in <paramref name="topic"/>/<paramref name="partition"/>.</summary>
    public LogSequenceToken(string topic, int partition, long offset)
    {
        Topic = topic;
        Partition = partition;
        SequenceNumber = offset;
    }

    /// <summary>The topic (stream namespace).</summary>
    [Id(0)]
    public string Topic { get; private set; }

    /// <summary>The partition (queue) of the topic.</summary>
    [Id(1)]
    public int Partition { get; private set; }

    /// <summary>The record's offset in its partition.</summary>
    [Id(2)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>Always 0: one event per record.</summary>
    [Id(3)]
    public override int EventIndex { get; protected set; }

    /// <summary>The W3C traceparent the record's producer sent, if any (not part of the position: ignored by equality).</summary>
    [Id(4)]
    public string? TraceParent { get; init; }

    /// <summary>The W3C tracestate the record's producer sent, if any.</summary>
    [Id(5)]
    public string? TraceState { get; init; }

    /// <summary>The record's offset (the same as <see cref="SequenceNumber"/>).</summary>
    public long Offset => SequenceNumber;

    /// <inheritdoc />
    public override bool Equals(StreamSequenceToken? other) =>
        other is LogSequenceToken token && token.SequenceNumber == SequenceNumber && token.EventIndex == EventIndex
        && token.Partition == Partition && string.Equals(token.Topic, Topic, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StreamSequenceToken token && Equals(token);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Topic, Partition, SequenceNumber, EventIndex);

    /// <inheritdoc />
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        var bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Topic}/{Partition}@{SequenceNumber}";
}
