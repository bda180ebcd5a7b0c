using System.Diagnostics;

namespace StreamOrleans.Api.Telemetry;

/// <summary>
/// The trace an ingest request's records join: ASP.NET Core's request span (OpenTelemetry's ASP.NET Core
/// instrumentation parents it to the caller's W3C traceparent). Its context goes into each appended record's headers,
/// so the stream delivery and the grain turn that apply the record continue the same trace.
/// </summary>
internal static class IngestTrace
{
    /// <summary>The current request's span when it is recorded; null when nobody listens (no headers added).</summary>
    public static Activity? Current => Activity.Current is { IsAllDataRequested: true } span ? span : null;
}
