using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Postgres;

namespace StreamOrleans.Streaming.Postgres;

/// <summary>
/// Registers the PostgreSQL stream log and the connection pool (ConnectionStrings:Postgres) it shares with the
/// PostgreSQL grain store (Persistence), so a silo can pick each per concern.
/// </summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>The stream log in PostgreSQL tables (options "Streams:Postgres") as the silo's <see cref="IStreamLog"/>.</summary>
    public static IServiceCollection AddPostgresStreamLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPostgresDataSource(configuration);
        services.AddOptions<PostgresStreamLogOptions>().Bind(configuration.GetSection(PostgresStreamLogOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PostgresStreamLog(
            sp.GetRequiredService<PostgresDataSourceProvider>().DataSource,
            sp.GetRequiredService<IOptions<PostgresStreamLogOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStreamLog>(sp => sp.GetRequiredService<PostgresStreamLog>());
        return services;
    }

    /// <summary>The one connection pool for ConnectionStrings:Postgres that the PostgreSQL log and grain store share.</summary>
    public static IServiceCollection AddPostgresDataSource(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => new PostgresDataSourceProvider(configuration.GetConnectionString(PostgresDataSourceProvider.ConnectionStringName)));
        return services;
    }
}
