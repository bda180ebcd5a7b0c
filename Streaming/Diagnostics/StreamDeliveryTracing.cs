using System.Diagnostics;
using StreamOrleans.Streaming.Provider;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// Puts Orleans' delivery of a traced record into the record's trace. The pulling agent calls the consumer grain
/// (<c>IStreamConsumerExtension.DeliverBatch</c>) with no current activity; Orleans' activity propagation
/// (<c>AddActivityPropagation</c>, source Microsoft.Orleans.Runtime) would then start its client span as a new root and
/// overwrite the record's trace context that <see cref="LogBatchContainer.ImportRequestContext"/> put in the request
/// context, so the grain's turn landed in a trace of its own. This outgoing filter, which runs before Orleans' (see
/// <c>LogStreamSiloBuilderExtensions.AddStreamOrleansLog</c>), starts a <c>stream.deliver</c> span (source
/// <see cref="StreamingDiagnostics.SourceName"/>) as the child of the container's first traced record and passes it
/// to the consumer as the call's parent: the grain turn's <c>stream.apply</c> (and Orleans' spans of the call, when
/// that source is listened to) nest below it in the same trace.
/// </summary>
public sealed class StreamDeliveryTracing : IOutgoingGrainCallFilter
{
    /// <inheritdoc />
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (Activity.Current is not null || !StreamingDiagnostics.Source.HasListeners() || request.GetArgumentCount() < 3
            || request.GetArgument(2) is not LogBatchContainer batch)
        {
            return context.Invoke();
        }

        return InvokeTracedAsync(context, batch);
    }

    private static async Task InvokeTracedAsync(IOutgoingGrainCallContext context, LogBatchContainer batch)
    {
        using var activity = StreamingDiagnostics.StartDeliver(batch, context.TargetId);
        if (activity is { IsAllDataRequested: true })
        {
            // The call carries this span as its parent (Orleans' own filter, when it is on, replaces it with its client
            // span, itself a child of this one): the consumer's stream.apply nests below.
            RequestContext.Set(TraceContextPropagation.TraceParentHeader, activity.Id!);
        }

        await context.Invoke();
    }
}
