using Orleans.Dashboard;
using StreamOrleans.Api.Security;

namespace StreamOrleans.Api.OrleansDashboard;

/// <summary>
/// Orleans' own dashboard (package Microsoft.Orleans.Dashboard: silos, grain activations, calls/s, grain state) on the
/// co-hosted silo, served by the API under <see cref="RoutePrefix"/>. Orleans' dashboard has no authentication of its
/// own and can show grain state, so when Api:ApiKey is set every route of it needs the key (<see cref="OrleansDashboardKeyFilter"/>).
/// Its routes stay out of the OpenAPI document: they are Orleans' page and its polling endpoints, not our API.
/// </summary>
public static class OrleansDashboardApi
{
    /// <summary>Where the dashboard is served: the page at /orleans/, its JSON at /orleans/ClusterStats, /orleans/DashboardCounters, ...</summary>
    public const string RoutePrefix = "/orleans";

    /// <summary>Adds the dashboard's silo services (grain call profiling, counters) to the co-hosted silo.</summary>
    public static IHostApplicationBuilder AddOrleansDashboard(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // UseOrleans again configures the silo AddStreamOrleansSilo added (one silo per host).
        builder.UseOrleans(silo => silo.AddDashboard());
        return builder;
    }

    /// <summary>Maps the dashboard under <see cref="RoutePrefix"/>, behind the API key when one is set.</summary>
    public static IEndpointRouteBuilder MapOrleansDashboardPage(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapOrleansDashboard(RoutePrefix)
            .AddEndpointFilter(new OrleansDashboardKeyFilter(routes.ServiceProvider.GetRequiredService<ApiKeyVerifier>(), RoutePrefix))
            .AddEndpointFilter<RouteGroupBuilder, OrleansDashboardSiloFilter>()
            .WithTags("Orleans dashboard")
            .ExcludeFromDescription();
        return routes;
    }
}
