using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Recommendations;
using StreamOrleans.Grains.Trends;
using StreamOrleans.Streaming.Serialization;

namespace StreamOrleans.Grains;

/// <summary>Registers what the grains of this assembly need in a silo: each feature's options (validated at start-up) and services.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Each feature's options and services, the grains' clock (<see cref="GrainProviders.Clock"/>), and the JSON metadata of the records the grains read from the
    /// log themselves (<see cref="GrainSerializer"/>). Orleans finds the grain classes by itself.
    /// </summary>
    public static IServiceCollection AddStreamOrleansGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton(GrainProviders.Clock, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddSingleton<IJsonTypeInfoResolver>(GrainsJsonContext.Default);
        services.TryAddSingleton(sp => new GrainSerializer(sp.GetServices<IJsonTypeInfoResolver>()));
        return services
            .AddRecommendations(configuration)
            .AddTrends(configuration)
            .AddCameras(configuration);
    }
}
