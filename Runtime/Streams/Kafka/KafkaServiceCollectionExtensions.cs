using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Runtime.Streams.Kafka;

/// <summary>Registers the Kafka stream provider: the silo's <see cref="IStreamLog"/> and <see cref="IPartitionOwnership"/>.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>Configuration key of this replica's advertised API address (shared with the other ownership providers).</summary>
    public const string AdvertisedAddressKey = "Streams:Ownership:AdvertisedAddress";

    /// <summary>Configuration key of this replica's member id (optional).</summary>
    public const string MemberIdKey = "Streams:Ownership:MemberId";

    /// <summary>
    /// Kafka as the stream log (<see cref="KafkaStreamLog"/>) and Kafka consumer-group rebalancing as partition
    /// ownership (<see cref="KafkaPartitionOwnership"/>), configured from "Streams:Kafka" (validated at start-up) and
    /// "Streams:ConsumerGroup". Registered with AddSingleton, so they win over AddStreams' single-process default
    /// whichever is called first.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="configuration">Configuration root.</param>
    /// <param name="advertisedAddress">
    /// This replica's API base address, read when the member joins (see <see cref="KafkaOptions.AdvertisedAddressWait"/>);
    /// default: <see cref="AdvertisedAddressKey"/> from <paramref name="configuration"/>, else the <see cref="MemberAddress"/>
    /// the API sets once it listens.
    /// </param>
    public static IServiceCollection AddKafkaStreams(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, Uri?>? advertisedAddress = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.TryAddSingleton<KafkaGroupMember>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MemberAddress>();

        // Configured address first; otherwise the one the API publishes once it listens (MemberAddress).
        advertisedAddress ??= sp => Uri.TryCreate(configuration[AdvertisedAddressKey], UriKind.Absolute, out var uri)
            ? uri
            : sp.GetRequiredService<MemberAddress>().Value;

        services.AddSingleton(sp => new KafkaStreamLog(
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value,
            ConsumerGroup(sp),
            sp.GetRequiredService<KafkaGroupMember>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<KafkaStreamLog>>()));
        services.AddSingleton<IStreamLog>(sp => sp.GetRequiredService<KafkaStreamLog>());

        services.AddSingleton(sp =>
        {
            // As the other ownership providers do: a configured address is this replica's address for everyone.
            if (Uri.TryCreate(configuration[AdvertisedAddressKey], UriKind.Absolute, out var configured))
            {
                sp.GetRequiredService<MemberAddress>().Value = configured;
            }

            return new KafkaPartitionOwnership(
                sp.GetRequiredService<IOptions<KafkaOptions>>().Value,
                ConsumerGroup(sp),
                sp.GetRequiredService<KafkaGroupMember>(),
                () => advertisedAddress(sp),
                configuration[MemberIdKey],
                sp.GetService<ILogger<KafkaPartitionOwnership>>());
        });
        services.AddSingleton<IPartitionOwnership>(sp => sp.GetRequiredService<KafkaPartitionOwnership>());
        return services;
    }

    private static string ConsumerGroup(IServiceProvider services) =>
        services.GetService<IOptions<StreamingOptions>>()?.Value.ConsumerGroup ?? new StreamingOptions().ConsumerGroup;
}
