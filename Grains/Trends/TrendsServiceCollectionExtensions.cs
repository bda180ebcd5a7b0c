using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Serialization.Metadata;

namespace StreamOrleans.Grains.Trends;

/// <summary>Registers the trends feature.</summary>
public static class TrendsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="TrendsOptions"/> from section "Trends" (validated at start-up), the silo's <see cref="SentimentScorer"/>
    /// (loads VADER's lexicon on first use), its <see cref="SentimentLearner"/> (a background service) and the feature's JSON metadata.
    /// </summary>
    public static IServiceCollection AddTrends(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TrendsOptions>().Bind(configuration.GetSection(TrendsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SentimentScorer>();
        services.AddSingleton<SentimentLearner>();
        services.AddHostedService(sp => sp.GetRequiredService<SentimentLearner>());
        return services.AddSingleton<IJsonTypeInfoResolver>(TrendsJsonContext.Default);
    }
}
