using StreamOrleans.Api.Counters;
using StreamOrleans.Api.Dashboard;
using StreamOrleans.Api.Health;
using StreamOrleans.Api.Streams;

namespace StreamOrleans.Api;

/// <summary>Maps every route of the HTTP API.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>The OpenAPI document (/openapi/v1.json), /health, /api/streams/... and /api/counters/....</summary>
    public static WebApplication MapStreamOrleansApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapHealth();
        app.MapStreams();
        app.MapCounters();
        app.MapDashboard();
        app.MapProbes();
        return app;
    }
}
