using System.Diagnostics;
using Orleans.Streams;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// Orleans' view of the log: events a grain produces on a stream are appended as plain records (key = stream key,
/// JSON value, trace-context headers) to the topic named by the stream namespace, and each queue gets a
/// <see cref="LogQueueReceiver"/>. Rewindable: a subscription may start from any position the log retains.
/// </summary>
internal sealed class LogQueueAdapter(string name, LogQueueAdapterFactory factory, IStreamLog log) : IQueueAdapter
{
    public string Name { get; } = name;

    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        var topic = streamId.GetNamespace() ?? throw new ArgumentException($"Stream {streamId} has no namespace; the namespace names the topic.", nameof(streamId));
        var codec = factory.CodecOf(topic);
        var key = streamId.GetKeyAsString();
        var headers = TraceContextHeaders();
        var records = new List<StreamRecord>();
        foreach (var item in events)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(events));
            records.Add(new StreamRecord(key, codec.Encode(item), headers));
        }

        if (records.Count > 0)
        {
            await log.AppendAsync(topic, records);
        }
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => factory.CreateReceiver(queueId);

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
