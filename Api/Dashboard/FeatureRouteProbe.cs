using Microsoft.AspNetCore.Routing;
using StreamOrleans.Api.Dashboard.Contracts;

namespace StreamOrleans.Api.Dashboard;

/// <summary>Finds which feature routes are mapped, from the endpoint data sources' route patterns.</summary>
internal sealed class FeatureRouteProbe(EndpointDataSource endpoints)
{
    /// <summary>The features whose query routes exist.</summary>
    public DashboardFeatures Probe()
    {
        var patterns = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new DashboardFeatures(
            patterns.Contains("/api/trends"),
            patterns.Any(p => p.StartsWith("/api/users/", StringComparison.OrdinalIgnoreCase) && p.EndsWith("/recommendations", StringComparison.OrdinalIgnoreCase)),
            patterns.Contains("/api/products/popular"),
            patterns.Contains("/api/cameras"));
    }
}
