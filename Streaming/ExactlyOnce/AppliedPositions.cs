using Orleans.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.ExactlyOnce;

/// <summary>
/// The last applied position per topic, kept inside a grain's state so state and positions are written together.
/// A grain consumes one stream per topic (its own key), and one stream lives in one partition, so one position per
/// topic orders every event the grain can receive: an event at or before it is a replay and is skipped.
/// </summary>
[GenerateSerializer]
public sealed class AppliedPositions
{
    /// <summary>Key used for tokens of other providers (no topic in the token): a grain then consumes one stream.</summary>
    public const string AnyStream = "*";

    /// <summary>Last applied position by topic.</summary>
    [Id(0)]
    public Dictionary<string, AppliedPosition> ByTopic { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when the event at <paramref name="token"/> was applied already (a replay after a crash or a queue move).</summary>
    public bool IsApplied(StreamSequenceToken? token) =>
        token is not null && ByTopic.TryGetValue(KeyOf(token), out var last)
        && (token.SequenceNumber < last.Offset || (token.SequenceNumber == last.Offset && token.EventIndex <= last.Index));

    /// <summary>Records the event at <paramref name="token"/> as applied.</summary>
    public void MarkApplied(StreamSequenceToken? token)
    {
        if (token is not null)
        {
            ByTopic[KeyOf(token)] = new AppliedPosition(token.SequenceNumber, token.EventIndex, token is LogSequenceToken log ? log.Partition : -1);
        }
    }

    private static string KeyOf(StreamSequenceToken token) => token is LogSequenceToken log ? log.Topic : AnyStream;
}
