using StreamOrleans.Api.Cameras;
using StreamOrleans.Api.Counters;
using StreamOrleans.Api.Dashboard;
using StreamOrleans.Api.Faces;
using StreamOrleans.Api.Health;
using StreamOrleans.Api.OrleansDashboard;
using StreamOrleans.Api.Recommendations;
using StreamOrleans.Api.Trends;
using StreamOrleans.Api.Streams;
using StreamOrleans.Api.Telemetry;

namespace StreamOrleans.Api;

/// <summary>Maps every route of the HTTP API.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>The OpenAPI document (/openapi/v1.json), /health, /api/streams/..., /api/counters/... and each feature's routes, and Orleans' dashboard under /orleans.</summary>
    public static WebApplication MapStreamOrleansApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapHealth();
        app.MapStreams();
        app.MapCounters();
        app.MapRecommendations();
        app.MapTrends();
        app.MapCameras();
        app.MapFaces();
        app.MapMetrics();
        app.MapDashboard();
        app.MapOrleansDashboardPage();
        app.MapProbes();
        return app;
    }
}
