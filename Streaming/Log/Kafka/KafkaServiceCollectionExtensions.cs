using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StreamOrleans.Streaming.Log.Kafka;

/// <summary>Registers Kafka as the silo's <see cref="IStreamLog"/>.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Kafka as the stream log (<see cref="KafkaStreamLog"/>), configured from "Streams:Kafka" (validated at start-up,
    /// naming each bad key). The log never joins <paramref name="consumerGroup"/>: Orleans balances the partitions, and
    /// the group's offsets are committed through the admin client.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="configuration">Configuration root.</param>
    /// <param name="consumerGroup">The consumer group the silo commits its offsets as (Streams:ConsumerGroup).</param>
    public static IServiceCollection AddKafkaStreamLog(this IServiceCollection services, IConfiguration configuration, string consumerGroup = "grains")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new KafkaStreamLog(
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value,
            consumerGroup,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<KafkaStreamLog>>()));
        services.AddSingleton<IStreamLog>(sp => sp.GetRequiredService<KafkaStreamLog>());
        return services;
    }
}
