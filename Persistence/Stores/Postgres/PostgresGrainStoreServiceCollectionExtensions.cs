using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamOrleans.Streaming.Postgres;

namespace StreamOrleans.Persistence.Stores.Postgres;

/// <summary>Registers the PostgreSQL group-commit grain-state store; it shares the log's connection pool.</summary>
public static class PostgresGrainStoreServiceCollectionExtensions
{
    /// <summary>Grain state in PostgreSQL (options "Storage:Postgres") as the keyed <see cref="IGrainStateStore"/> <paramref name="name"/>.</summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, IConfiguration configuration, string name)
    {
        services.AddPostgresDataSource(configuration);
        services.AddOptions<PostgresGrainStorageOptions>().Bind(configuration.GetSection(PostgresGrainStorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton<IGrainStateStore>(name, (sp, _) => new PostgresGrainStorage(
            sp.GetRequiredService<PostgresDataSourceProvider>().DataSource,
            sp.GetRequiredService<IOptions<PostgresGrainStorageOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
