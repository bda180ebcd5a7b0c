using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Persistence;
using StreamOrleans.Runtime.Persistence.Postgres;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Ownership;
using StreamOrleans.Runtime.Streams.Ownership.Postgres;
using StreamOrleans.Runtime.Streams.Postgres;

namespace StreamOrleans.Runtime.Postgres;

/// <summary>
/// Registers the PostgreSQL providers, each on its own so a silo can pick them per concern: grain state, the stream log,
/// and partition ownership among replicas. All share one connection pool for ConnectionStrings:Postgres.
/// </summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Grain state in PostgreSQL (options "Storage:Postgres") as the storage provider <paramref name="name"/>.</summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, IConfiguration configuration, string name = PersistentStateFactory.DefaultStorageName)
    {
        AddDataSource(services, configuration);
        services.AddOptions<PostgresGrainStorageOptions>().Bind(configuration.GetSection(PostgresGrainStorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new PostgresGrainStorage(
            sp.GetRequiredService<PostgresDataSourceProvider>().DataSource,
            sp.GetRequiredService<IOptions<PostgresGrainStorageOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The stream log in PostgreSQL tables (options "Streams:Postgres") with partition ownership among replicas through
    /// advisory locks (options "Streams:Ownership").
    /// </summary>
    public static IServiceCollection AddPostgresStreams(this IServiceCollection services, IConfiguration configuration)
    {
        AddDataSource(services, configuration);
        services.AddOptions<PostgresStreamLogOptions>().Bind(configuration.GetSection(PostgresStreamLogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PartitionOwnershipOptions>().Bind(configuration.GetSection(PartitionOwnershipOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PostgresStreamLog(
            sp.GetRequiredService<PostgresDataSourceProvider>().DataSource,
            sp.GetRequiredService<IOptions<PostgresStreamLogOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStreamLog>(sp => sp.GetRequiredService<PostgresStreamLog>());
        services.TryAddSingleton<MemberAddress>();
        services.AddSingleton<PostgresPartitionOwnership>();
        services.AddSingleton<IPartitionOwnership>(sp => sp.GetRequiredService<PostgresPartitionOwnership>());
        return services;
    }

    private static void AddDataSource(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => new PostgresDataSourceProvider(configuration.GetConnectionString(PostgresDataSourceProvider.ConnectionStringName)));
    }
}
