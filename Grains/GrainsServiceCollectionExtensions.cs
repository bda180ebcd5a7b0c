using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Recommendations;
using StreamOrleans.Grains.Trends;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Grains;

/// <summary>Registers every grain of this assembly with the services and JSON metadata its features need.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>The grain classes, their JSON contexts, and each feature's options (validated at start-up) and services.</summary>
    public static IServiceCollection AddStreamOrleansGrains(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddGrains(typeof(GrainsJsonContext).Assembly)
            .AddGrainSerialization(GrainsJsonContext.Default)
            .AddGrainSerialization(GrainContractsJsonContext.Default)
            .AddRecommendations(configuration)
            .AddTrends(configuration)
            .AddCameras(configuration);
}
