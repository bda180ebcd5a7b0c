using System.Diagnostics;
using Orleans.Streams;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Orleans' view of the log: events a grain produces on a stream are appended as plain records (key = stream key,
/// JSON value, trace-context headers) to the topic named by the stream namespace, and each queue gets a
/// <see cref="LogQueueReceiver"/>. Not rewindable for Orleans: consumers resume without a token, a rewind moves the
/// consumer group's offsets (<c>LogStreamRewinder</c>), and exactly-once comes from the positions each consumer stores
/// with its state (<c>ApplyOnceAsync</c>), not from Orleans' delivery handshake.
/// </summary>
/// <remarks>
/// The handshake of a rewindable provider keeps one expected token per subscription and assumes a stream lives in one
/// queue. A routed stream (one post stream per hashtag, <c>ILogTopicRouter</c>) gets records from every partition's
/// queue: each delivery from another queue than the last was rejected, and the agent then re-created its cursor at the
/// other queue's token and stepped past "the already processed event", which here is a whole joined delivery of
/// records that were never applied (they were lost, and still committed).
/// </remarks>
internal sealed class LogQueueAdapter(string name, LogQueueAdapterFactory factory, IStreamLog log) : IQueueAdapter
{
    public string Name { get; } = name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        var topic = streamId.GetNamespace() ?? throw new ArgumentException($"Stream {streamId} has no namespace; the namespace names the topic.", nameof(streamId));
        var codec = factory.CodecOf(topic);
        var key = streamId.GetKeyAsString();
        var trace = TraceContextHeaders();
        var records = new List<StreamRecord>();
        foreach (var item in events)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(events));
            var (value, headers) = codec.Encode(item);
            records.Add(new StreamRecord(key, value, Merge(headers, trace)));
        }

        if (records.Count > 0)
        {
            await log.AppendAsync(topic, records);
        }
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => factory.CreateReceiver(queueId);

    // A raw record's own headers, with the producer's trace context (which wins: it is this append's).
    private static IReadOnlyDictionary<string, string>? Merge(IReadOnlyDictionary<string, string>? headers, Dictionary<string, string>? trace)
    {
        if (headers is null || headers.Count == 0)
        {
            return trace;
        }

        if (trace is null)
        {
            return headers;
        }

        var merged = new Dictionary<string, string>(headers, StringComparer.Ordinal);
        foreach (var (name, value) in trace)
        {
            merged[name] = value;
        }

        return merged;
    }

    private static Dictionary<string, string>? TraceContextHeaders()
    {
        if (Activity.Current is not { } activity)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(2) { [TraceHeaders.TraceParent] = activity.Id! };
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers[TraceHeaders.TraceState] = activity.TraceStateString;
        }

        return headers;
    }
}
