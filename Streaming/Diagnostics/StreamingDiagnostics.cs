using System.Diagnostics;
using Orleans.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// Traces of stream consumption (activity source <c>StreamOrleans.Streaming</c>): each delivery a consumer applies is a
/// <c>stream.apply</c> span, a child of the trace context its first traced record carried in its headers (so one HTTP
/// ingest is one trace from the API through the log into the grain's turn), linking the other traced records.
/// Records without a trace context get no span of their own.
/// </summary>
public static class StreamingDiagnostics
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "StreamOrleans.Streaming";

    /// <summary>The activity source of stream consumption.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts the span of a delivery of <paramref name="tokens"/> to <paramref name="consumer"/>, or null when nothing is traced or listened to.</summary>
    public static Activity? StartApply(GrainId consumer, IEnumerable<StreamSequenceToken?> tokens)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext? parent = null;
        List<ActivityLink>? links = null;
        LogSequenceToken? first = null;
        var count = 0;
        foreach (var token in tokens)
        {
            count++;
            if (token is not LogSequenceToken { TraceParent: { } traceParent } log
                || !ActivityContext.TryParse(traceParent, log.TraceState, isRemote: true, out var context))
            {
                continue;
            }

            if (parent is null)
            {
                parent = context;
                first = log;
            }
            else
            {
                (links ??= []).Add(new ActivityLink(context));
            }
        }

        if (parent is null)
        {
            return null;
        }

        var activity = Source.StartActivity("stream.apply", ActivityKind.Consumer, parent.Value, links: links);
        activity?.SetTag("messaging.system", "streamorleans")
            .SetTag("messaging.destination.name", first!.Topic)
            .SetTag("messaging.destination.partition.id", first.Partition)
            .SetTag("messaging.kafka.offset", first.Offset)
            .SetTag("messaging.batch.message_count", count)
            .SetTag("grain.type", consumer.Type.ToString())
            .SetTag("grain.key", consumer.Key.ToString());
        return activity;
    }
}
