using System.Text.Json;
using Orleans.Streams;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// The records of one stream handed to its consumers in one delivery: consecutive records of one key in one
/// partition, in offset order. The receiver makes one container per record; a cache cursor joins the records its
/// consumer has not seen yet into one container, so a busy key gets its backlog in one grain call.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LogBatchContainer : IBatchContainer
{
    private static readonly JsonSerializerOptions FallbackOptions = new(JsonSerializerDefaults.Web);

    // Orleans' pulling agent and the cache read SequenceToken several times per delivery; made once (not serialized).
    [NonSerialized]
    private LogSequenceToken? _sequenceToken;

    /// <summary>Creates a container of <paramref name="events"/> (at least one, in offset order).</summary>
    public LogBatchContainer(StreamId streamId, string topic, int partition, LogEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfZero(events.Length);
        StreamId = streamId;
        Topic = topic;
        Partition = partition;
        Events = events;
    }

    /// <inheritdoc />
    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The partition the records come from.</summary>
    [Id(1)]
    public int Partition { get; }

    /// <summary>The records, in offset order.</summary>
    [Id(2)]
    public LogEvent[] Events { get; }

    /// <summary>The topic (the stream's namespace).</summary>
    [Id(3)]
    public string Topic { get; }

    /// <summary>The token of the last record: the position a consumer has reached once this container is applied.</summary>
    public StreamSequenceToken SequenceToken => _sequenceToken ??= TokenOf(Events[^1]);

    /// <inheritdoc />
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        foreach (var item in Events)
        {
            // Decoded on the reading silo; a container that crossed to another silo decodes its bytes again, with the
            // topic codec's metadata (every silo of the cluster carries the same topics).
            var value = item.Decoded is T decoded ? decoded
                : typeof(T) == typeof(RawRecord) ? (T)(object)new RawRecord(item.Value, item.Headers, item.Timestamp)
                : LogTopicCodec.DecoderOf(typeof(T)) is { } decoder ? (T?)JsonSerializer.Deserialize(item.Value, decoder)
                : JsonSerializer.Deserialize<T>(item.Value, FallbackOptions);
            if (value is not null)
            {
                yield return Tuple.Create(value, (StreamSequenceToken)TokenOf(item));
            }
        }
    }

    /// <inheritdoc />
    public bool ImportRequestContext()
    {
        // The first traced record's context becomes the delivery's: Orleans' activity propagation then parents the
        // grain call (and so the consumer's turn) to the producer's trace.
        foreach (var item in Events)
        {
            if (item.TraceParent is { } parent)
            {
                RequestContext.Set(TraceHeaders.TraceParent, parent);
                if (item.TraceState is { } state)
                {
                    RequestContext.Set(TraceHeaders.TraceState, state);
                }

                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{StreamId} {Events[0].Offset}..{Events[^1].Offset}";

    private LogSequenceToken TokenOf(LogEvent item) =>
        new(Topic, Partition, item.Offset) { TraceParent = item.TraceParent, TraceState = item.TraceState };
}
