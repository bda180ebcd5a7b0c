using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Persistence;
using StreamOrleans.Runtime.Persistence.Sqlite;
using StreamOrleans.Runtime.Serialization;
using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Runtime.Hosting;

/// <summary>The <c>AddXxx</c> building blocks a silo is wired from.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The grain runtime: activation catalog, scheduler, call dispatch, idle collection. Options come from the
    /// "GrainRuntime" section and are validated at start-up.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GrainRuntimeOptions>().Bind(configuration.GetSection(GrainRuntimeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IJsonTypeInfoResolver>(RuntimeJsonContext.Default);
        services.TryAddSingleton(sp => new GrainSerializer(sp.GetServices<IJsonTypeInfoResolver>()));
        services.TryAddSingleton(sp => new GrainClassRegistry(sp.GetServices<GrainAssembly>().Select(a => a.Assembly)));
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        return services;
    }

    /// <summary>Registers assemblies whose grain classes the runtime may activate.</summary>
    public static IServiceCollection AddGrains(this IServiceCollection services, params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (var assembly in assemblies)
        {
            services.AddSingleton(new GrainAssembly(assembly));
        }

        return services;
    }

    /// <summary>
    /// Declares a topic that grains publish to (an output topic), so the silo creates it at start with
    /// Streams:Topics:{topic}:Partitions or Streams:DefaultPartitions partitions.
    /// </summary>
    public static IServiceCollection AddOutputTopic(this IServiceCollection services, string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        services.PostConfigure<StreamingOptions>(o => o.Topics.TryAdd(topic, new TopicOptions()));
        return services;
    }

    /// <summary>Registers a source-generated JSON context for grain state and stream event types.</summary>
    public static IServiceCollection AddGrainSerialization(this IServiceCollection services, IJsonTypeInfoResolver context) =>
        services.AddSingleton(context);

    /// <summary>SQLite grain storage under <paramref name="name"/> (default: the default provider).</summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, IConfiguration configuration, Action<SqliteGrainStorageOptions>? configure = null, string name = PersistentStateFactory.DefaultStorageName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOptions<SqliteGrainStorageOptions>(name).Bind(configuration.GetSection(SqliteGrainStorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.PostConfigure(configure);
        }

        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new SqliteGrainStorage(
            Options.Create(sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get((string)key!)),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Stream consumption: implicit subscriptions, partition pumps, checkpoints, dead letters, and the silo's
    /// lifecycle service. Needs an <see cref="IStreamLog"/> provider (e.g. AddSqliteStreamLog).
    /// </summary>
    public static IServiceCollection AddStreams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StreamingOptions>().Bind(configuration.GetSection(StreamingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<StreamSubscriptionRegistry>();
        services.TryAddSingleton<DeadLetterPublisher>();
        services.TryAddSingleton<Streams.Ownership.IPartitionOwnership, Streams.Ownership.AllPartitionsOwnership>();
        services.TryAddSingleton<Streams.Ownership.MemberAddress>();
        services.TryAddSingleton<Placement.RemoteGrainCalls>();
        services.TryAddSingleton<StreamRuntime>();
        services.TryAddSingleton<StreamProducer>();
        services.AddHostedService<SiloLifecycleService>();
        return services;
    }
}
