using System.Diagnostics;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>
/// W3C Trace Context (https://www.w3.org/TR/trace-context/) carried in stream record headers: the producer writes
/// "traceparent" (and "tracestate" when present) into each record; the consumer parses them to parent the grain turn.
/// </summary>
public static class TraceContextPropagation
{
    /// <summary>Header holding version-traceid-spanid-flags.</summary>
    public const string TraceParentHeader = "traceparent";

    /// <summary>Header holding vendor-specific trace state.</summary>
    public const string TraceStateHeader = "tracestate";

    /// <summary>The W3C traceparent value of <paramref name="context"/> (version 00).</summary>
    public static string FormatTraceParent(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";

    /// <summary>
    /// Returns <paramref name="records"/> with the trace context of <paramref name="activity"/> added to each record's
    /// headers (existing trace headers are replaced). With no activity the records are returned unchanged.
    /// </summary>
    public static IReadOnlyList<StreamRecord> Inject(Activity? activity, IReadOnlyList<StreamRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (activity is null)
        {
            return records;
        }

        var traceParent = FormatTraceParent(activity.Context);
        var traceState = activity.TraceStateString;
        var result = new StreamRecord[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var headers = record.Headers is null ? new Dictionary<string, string>(2) : new Dictionary<string, string>(record.Headers);
            headers[TraceParentHeader] = traceParent;
            if (string.IsNullOrEmpty(traceState))
            {
                headers.Remove(TraceStateHeader);
            }
            else
            {
                headers[TraceStateHeader] = traceState;
            }

            result[i] = record with { Headers = headers };
        }

        return result;
    }

    /// <summary>Parses the trace context in <paramref name="headers"/>; false when absent or malformed.</summary>
    public static bool TryExtract(IReadOnlyDictionary<string, string>? headers, out ActivityContext context)
    {
        context = default;
        if (headers is null || !headers.TryGetValue(TraceParentHeader, out var traceParent))
        {
            return false;
        }

        headers.TryGetValue(TraceStateHeader, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out context);
    }
}
