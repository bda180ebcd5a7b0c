using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Recommendations;
using System.Text.Json.Serialization.Metadata;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>Registers the recommendation feature.</summary>
public static class RecommendationsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="RecommendationsOptions"/> from section "Recommendations" (validated at start-up), the silo's
    /// <see cref="RecommenderModelCatalog"/>, and the feature's JSON metadata.
    /// </summary>
    public static IServiceCollection AddRecommendations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RecommendationsOptions>().Bind(configuration.GetSection(RecommendationsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecommenderModelCatalog>();
        return services.AddSingleton<IJsonTypeInfoResolver>(RecommendationsJsonContext.Default);
    }
}
