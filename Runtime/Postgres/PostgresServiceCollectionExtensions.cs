using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Persistence;
using StreamOrleans.Runtime.Persistence.Postgres;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Postgres;

namespace StreamOrleans.Runtime.Postgres;

/// <summary>
/// Registers the PostgreSQL providers, each on its own so a silo can pick them per concern: grain state and the stream
/// log. Both share one connection pool for ConnectionStrings:Postgres.
/// </summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Grain state in PostgreSQL (options "Storage:Postgres") as the keyed <see cref="IGrainStateStore"/> <paramref name="name"/>.</summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, IConfiguration configuration, string name)
    {
        AddDataSource(services, configuration);
        services.AddOptions<PostgresGrainStorageOptions>().Bind(configuration.GetSection(PostgresGrainStorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton<IGrainStateStore>(name, (sp, _) => new PostgresGrainStorage(
            sp.GetRequiredService<PostgresDataSourceProvider>().DataSource,
            sp.GetRequiredService<IOptions<PostgresGrainStorageOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>The stream log in PostgreSQL tables (options "Streams:Postgres") as the silo's <see cref="IStreamLog"/>.</summary>
    public static IServiceCollection AddPostgresStreamLog(this IServiceCollection services, IConfiguration configuration)
    {
        AddDataSource(services, configuration);
        services.AddOptions<PostgresStreamLogOptions>().Bind(configuration.GetSection(PostgresStreamLogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PostgresStreamLog(
            sp.GetRequiredService<PostgresDataSourceProvider>().DataSource,
            sp.GetRequiredService<IOptions<PostgresStreamLogOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStreamLog>(sp => sp.GetRequiredService<PostgresStreamLog>());
        return services;
    }

    private static void AddDataSource(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => new PostgresDataSourceProvider(configuration.GetConnectionString(PostgresDataSourceProvider.ConnectionStringName)));
    }
}
