using Orleans.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.ExactlyOnce;

/// <summary>
/// The last applied positions, kept inside a grain's state so state and positions are written together. Offsets order
/// records only within one partition, so the position that decides whether an event is a replay is kept per topic and
/// partition: a stream (topic, key) lives in one partition, but a routed stream (one post stream per hashtag, see
/// <c>ILogTopicRouter</c>) gets records of every partition of its topic, interleaved. An event at or before its
/// partition's position is a replay and is skipped.
/// </summary>
[GenerateSerializer]
public sealed class AppliedPositions
{
    /// <summary>Key used for tokens of other providers (no topic in the token): a grain then consumes one stream.</summary>
    public const string AnyStream = "*";

    /// <summary>
    /// Last applied position by topic (of any partition). Storage finds the states built from a topic by it (a rewind with
    /// reset); it decides replays only for states written before <see cref="ByPartition"/> existed.
    /// </summary>
    [Id(0)]
    public Dictionary<string, AppliedPosition> ByTopic { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Last applied position by "topic/partition": what decides whether a log record is a replay.</summary>
    [Id(1)]
    public Dictionary<string, AppliedPosition> ByPartition { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when the event at <paramref name="token"/> was applied already (a replay after a crash or a queue move).</summary>
    public bool IsApplied(StreamSequenceToken? token)
    {
        if (token is null)
        {
            return false;
        }

        AppliedPosition? last;
        if (token is LogSequenceToken log)
        {
            if (!ByPartition.TryGetValue(PartitionKey(log), out last)
                && !(ByTopic.TryGetValue(log.Topic, out last) && last.Partition == log.Partition))
            {
                return false;
            }
        }
        else if (!ByTopic.TryGetValue(AnyStream, out last))
        {
            return false;
        }

        return token.SequenceNumber < last.Offset || (token.SequenceNumber == last.Offset && token.EventIndex <= last.Index);
    }

    /// <summary>Records the event at <paramref name="token"/> as applied.</summary>
    public void MarkApplied(StreamSequenceToken? token)
    {
        if (token is LogSequenceToken log)
        {
            var position = new AppliedPosition(log.SequenceNumber, log.EventIndex, log.Partition);
            ByTopic[log.Topic] = position;
            ByPartition[PartitionKey(log)] = position;
        }
        else if (token is not null)
        {
            ByTopic[AnyStream] = new AppliedPosition(token.SequenceNumber, token.EventIndex);
        }
    }

    private static string PartitionKey(LogSequenceToken token) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{token.Topic}/{token.Partition}");
}
