using System.Diagnostics;
using Orleans.Streams;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// Traces of stream consumption (activity source <c>StreamOrleans.Streaming</c>). The pulling agent's call that hands
/// a container to its consumer is a <c>stream.deliver</c> span (<see cref="StreamDeliveryTracing"/>), a child of the
/// trace context the container's first traced record carried in its headers; Orleans' spans of that grain call nest
/// below it, and in the grain's turn each delivery a consumer applies is a <c>stream.apply</c> span, linking the other
/// traced records. So one HTTP ingest is one trace from the API through the log into the grain's turn. Records
/// without a trace context get no span of their own.
/// </summary>
public static class StreamingDiagnostics
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "StreamOrleans.Streaming";

    /// <summary>The activity source of stream consumption.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Starts the span of the pulling agent's call delivering <paramref name="batch"/> to <paramref name="consumer"/>,
    /// or null when none of its records is traced or nobody listens.
    /// </summary>
    public static Activity? StartDeliver(LogBatchContainer batch, GrainId consumer)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var first = Array.Find(batch.Events, static e => e.TraceParent is not null);
        if (first is null || !Source.HasListeners()
            || !ActivityContext.TryParse(first.TraceParent, first.TraceState, isRemote: true, out var parent))
        {
            return null;
        }

        var activity = Source.StartActivity("stream.deliver", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "streamorleans")
            .SetTag("messaging.operation.type", "receive")
            .SetTag("messaging.operation", "receive") // the Aspire dashboard names a messaging span by it: "MSG streamorleans receive <topic>"
            .SetTag("messaging.destination.name", batch.Topic)
            .SetTag("messaging.destination.partition.id", batch.Partition)
            .SetTag("messaging.kafka.offset", first.Offset)
            .SetTag("messaging.batch.message_count", batch.Events.Length)
            .SetTag("grain.type", consumer.Type.ToString())
            .SetTag("grain.key", consumer.Key.ToString());
        return activity;
    }

    /// <summary>
    /// The trace context the grain call being handled carried (the <c>stream.deliver</c> span of a traced delivery, or
    /// Orleans' client span of a traced call), or null when the call was not traced. A consumer that does more work in
    /// the turn after <c>stream.apply</c> ends parents that work's spans on it, so untraced deliveries stay span-free.
    /// </summary>
    public static ActivityContext? CallerContext() =>
        RequestContext.Get(TraceContextPropagation.TraceParentHeader) is string caller
        && ActivityContext.TryParse(caller, null, isRemote: true, out var context) ? context : null;

    /// <summary>
    /// Starts the span of a delivery of <paramref name="tokens"/> to <paramref name="consumer"/>, or null when nothing is
    /// traced or listened to. Its parent is the closest span of the first traced record's trace: the grain call's span
    /// (Orleans' activity propagation), else the <c>stream.deliver</c> span the call carried, else the record's context.
    /// </summary>
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

        // The closest span of the same trace: Orleans' server span of the turn, else the delivery (stream.deliver) the
        // call carried, else the record's producer.
        if (Activity.Current is { } turn && turn.TraceId == parent.Value.TraceId)
        {
            parent = turn.Context;
        }
        else if (CallerContext() is { } delivery && delivery.TraceId == parent.Value.TraceId)
        {
            parent = delivery;
        }

        var activity = Source.StartActivity("stream.apply", ActivityKind.Consumer, parent.Value, links: links);
        activity?.SetTag("messaging.system", "streamorleans")
            .SetTag("messaging.operation.type", "process")
            .SetTag("messaging.operation", "process")
            .SetTag("messaging.destination.name", first!.Topic)
            .SetTag("messaging.destination.partition.id", first.Partition)
            .SetTag("messaging.kafka.offset", first.Offset)
            .SetTag("messaging.batch.message_count", count)
            .SetTag("grain.type", consumer.Type.ToString())
            .SetTag("grain.key", consumer.Key.ToString());
        return activity;
    }
}
