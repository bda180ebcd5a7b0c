using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>Registers the recommendation feature.</summary>
public static class RecommendationsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="RecommendationsOptions"/> from section "Recommendations" (validated at start-up), the silo's
    /// <see cref="RecommenderModelCatalog"/>, output topic "recommendations", and the feature's JSON metadata.
    /// </summary>
    public static IServiceCollection AddRecommendations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RecommendationsOptions>().Bind(configuration.GetSection(RecommendationsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecommenderModelCatalog>();
        services.AddOutputTopic(RecommendationUpdate.Topic);
        return services.AddGrainSerialization(RecommendationsJsonContext.Default);
    }
}
