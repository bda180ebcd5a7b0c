using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Grains.Trends;

/// <summary>Registers the trends feature.</summary>
public static class TrendsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="TrendsOptions"/> from section "Trends" (validated at start-up), the silo's <see cref="SentimentScorer"/>
    /// (loads VADER's lexicon on first use), output topic "trend-alerts", and the feature's JSON metadata.
    /// </summary>
    public static IServiceCollection AddTrends(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TrendsOptions>().Bind(configuration.GetSection(TrendsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SentimentScorer>();
        services.AddOutputTopic(TrendAlert.OutputTopic);
        return services.AddGrainSerialization(TrendsJsonContext.Default);
    }
}
