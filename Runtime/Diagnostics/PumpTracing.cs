using System.Diagnostics;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Runtime.Diagnostics;

/// <summary>
/// Spans of stream consumption. A batch span ("stream.batch") is parented to the trace context of the first record
/// that carries one and links the others (bounded), so a request's trace shows the batch that moved it. A grain-turn
/// span is a child of its record's trace context (the producer's span) and links the batch span; records without a
/// trace context get no span of their own (their batch span covers them). All are created only while a listener
/// samples them.
/// </summary>
internal static class PumpTracing
{
    private const int MaxLinks = 32;

    public static Activity? StartBatch(string topic, int partition, IReadOnlyList<LogRecord> records)
    {
        var source = RuntimeDiagnostics.StreamsSource;
        if (!source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var record in records)
        {
            if (!TraceContextPropagation.TryExtract(record.Headers, out var context))
            {
                continue;
            }

            if (parent == default)
            {
                parent = context;
            }
            else if (context.TraceId != parent.TraceId && (links ??= []).Count < MaxLinks)
            {
                links.Add(new ActivityLink(context));
            }
        }

        var previous = Activity.Current;
        Activity.Current = null;
        var batch = source.StartActivity("stream.batch", ActivityKind.Consumer, parent, links: links);
        Activity.Current = previous;
        batch?.SetTag("messaging.destination.name", topic);
        batch?.SetTag("messaging.destination.partition.id", partition);
        batch?.SetTag("messaging.batch.message_count", records.Count);
        batch?.SetTag("messaging.offset.first", records[0].Offset);
        return batch;
    }

    public static Activity? StartTurn(GrainId grain, LogRecord record, ActivityContext batch)
    {
        var source = RuntimeDiagnostics.RuntimeSource;
        if (!source.HasListeners())
        {
            return null;
        }

        // Only records that carry a trace context (a traced producer, e.g. an HTTP ingest) get a turn span of their own;
        // the consumption of untraced records is covered by their batch span, instead of one root span per event.
        if (!TraceContextPropagation.TryExtract(record.Headers, out var parent))
        {
            return null;
        }

        var links = batch == default ? null : new[] { new ActivityLink(batch) };
        var previous = Activity.Current;
        Activity.Current = null;
        var turn = source.StartActivity("grain.turn", ActivityKind.Consumer, parent, links: links);
        if (turn is null)
        {
            Activity.Current = previous;
            return null;
        }

        turn.SetTag("grain.type", grain.Type);
        turn.SetTag("grain.key", grain.Key);
        turn.SetTag("messaging.destination.name", record.Topic);
        turn.SetTag("messaging.destination.partition.id", record.Partition);
        turn.SetTag("messaging.message.offset", record.Offset);
        return turn;
    }

    public static async Task<string> TraceWriteAsync(Task<string> write, GrainId grain, string stateName)
    {
        var started = Stopwatch.GetTimestamp();

        // A write span belongs to a trace (a traced turn); an untraced checkpoint write is only measured, not a root span.
        using var span = Activity.Current is null ? null : RuntimeDiagnostics.RuntimeSource.StartActivity("storage.write", ActivityKind.Client);
        span?.SetTag("grain.type", grain.Type);
        span?.SetTag("grain.key", grain.Key);
        span?.SetTag("state.name", stateName);
        try
        {
            return await write.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            RuntimeInstruments.StorageWriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(RuntimeInstruments.GrainTypeTag, grain.Type));
        }
    }
}
