namespace StreamOrleans.Api.Dashboard;

/// <summary>Registers the dashboard's services.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary><see cref="DashboardOptions"/> bound from "Dashboard" and validated at start-up, the snapshot service and the file locator.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SystemSnapshotService>();
        services.AddSingleton<DashboardFiles>();
        services.AddSingleton<FeatureRouteProbe>();
        return services;
    }
}
