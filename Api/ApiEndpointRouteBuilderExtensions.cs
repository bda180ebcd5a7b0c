using StreamOrleans.Api.Cameras;
using StreamOrleans.Api.Counters;
using StreamOrleans.Api.Dashboard;
using StreamOrleans.Api.Faces;
using StreamOrleans.Api.Health;
using StreamOrleans.Api.OrleansDashboard;
using StreamOrleans.Api.Recommendations;
using StreamOrleans.Api.Trends;
using StreamOrleans.Api.Streams;
using Scalar.AspNetCore;

namespace StreamOrleans.Api;

/// <summary>Maps every route of the HTTP API.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>The OpenAPI document (/openapi/v1.json) and its reference page (/scalar/v1), /health, /api/streams/..., /api/counters/... and each feature's routes, and Orleans' dashboard under /orleans.</summary>
    public static WebApplication MapStreamOrleansApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AddEndpointFilter<IEndpointConventionBuilder, OpenApi.OpenApiDocumentFilter>();

        // The API reference page at /scalar/v1, served from the package's embedded assets (no CDN, no web fonts).
        app.MapScalarApiReference(o => o.WithTitle("StreamOrleans API").DisableDefaultFonts());
        app.MapHealth();
        app.MapStreams();
        app.MapCounters();
        app.MapRecommendations();
        app.MapTrends();
        app.MapCameras();
        app.MapFaces();
        app.MapDashboard();
        app.MapOrleansDashboardPage();
        app.MapProbes();
        return app;
    }
}
