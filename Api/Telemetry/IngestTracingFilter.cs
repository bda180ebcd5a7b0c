using System.Diagnostics;
using StreamOrleans.Streaming.Diagnostics;

namespace StreamOrleans.Api.Telemetry;

/// <summary>
/// Starts the server span of an ingest request (our own, as no ASP.NET Core instrumentation package is available):
/// parented to the caller's W3C "traceparent" header when present, else a new trace. The handler injects this span's
/// context into every appended record's headers, so the grain turns that apply them join the trace.
/// </summary>
internal sealed class IngestTracingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!ApiTelemetry.Source.HasListeners())
        {
            return await next(context);
        }

        var request = context.HttpContext.Request;
        var headers = request.Headers;
        ActivityContext parent = default;
        if (headers.TryGetValue(TraceContextPropagation.TraceParentHeader, out var traceParent))
        {
            ActivityContext.TryParse(traceParent.ToString(), headers[TraceContextPropagation.TraceStateHeader].ToString(), isRemote: true, out parent);
        }

        var previous = Activity.Current;
        Activity.Current = null;
        using var span = ApiTelemetry.Source.StartActivity("POST /api/streams/{topic}/events", ActivityKind.Server, parent);
        try
        {
            span?.SetTag("http.request.method", request.Method);
            span?.SetTag("http.route", "/api/streams/{topic}/events");
            span?.SetTag("messaging.destination.name", request.RouteValues["topic"]?.ToString());
            var result = await next(context);
            span?.SetTag("http.response.status_code", (result as IStatusCodeHttpResult)?.StatusCode ?? context.HttpContext.Response.StatusCode);
            return result;
        }
        finally
        {
            span?.Dispose();
            Activity.Current = previous;
        }
    }
}
