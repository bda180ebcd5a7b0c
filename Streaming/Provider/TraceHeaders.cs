namespace StreamOrleans.Streaming.Provider;

/// <summary>W3C trace-context header names, as producers write them into record headers.</summary>
public static class TraceHeaders
{
    /// <summary>The W3C traceparent header.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The W3C tracestate header.</summary>
    public const string TraceState = "tracestate";
}
