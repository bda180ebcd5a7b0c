using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamOrleans.Grains;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Postgres;
using StreamOrleans.Runtime.Streams.Kafka;
using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Silo.Configuration;
using StreamOrleans.Silo.Telemetry;

namespace StreamOrleans.Silo;

/// <summary>Wires a complete silo: runtime, grains, serialization, storage, stream log and stream consumption.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo to a host. Providers are picked per concern: Silo:StateProvider (grain state) and Silo:LogProvider
    /// (stream log and partition ownership among replicas); the embedded defaults are SQLite files under
    /// Silo:DataDirectory. Every options section is validated when the host starts.
    /// </summary>
    public static IHostApplicationBuilder AddStreamOrleansSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var dataDirectory = Path.GetFullPath(silo.DataDirectory, builder.Environment.ContentRootPath);

        ThrowIfProvidersCannotWork(silo, configuration);
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddStreamOrleansTelemetry(configuration);
        builder.Services
            .AddGrainRuntime(configuration)
            .AddStreamOrleansGrains(configuration)
            .AddGrainState(silo, configuration, dataDirectory)
            .AddStreamLog(silo, configuration, dataDirectory)
            .AddStreams(configuration);
        if (silo.ReportCheckpoints)
        {
            builder.Services.AddHostedService<CheckpointReporter>();
        }

        return builder;
    }

    // Combinations that would start and then fail (or silently diverge between replicas) stop the host at once.
    private static void ThrowIfProvidersCannotWork(SiloOptions silo, IConfiguration configuration)
    {
        if (silo.LogProvider == SiloOptions.EventHubs)
        {
            throw new InvalidOperationException("Silo:LogProvider=EventHubs runs on Microsoft Orleans only: add Silo:Engine=Orleans.");
        }

        var needsPostgres = silo.LogProvider == SiloOptions.Postgres || silo.StateProvider == SiloOptions.Postgres;
        if (needsPostgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(PostgresDataSourceProvider.ConnectionStringName)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Postgres is not set; it is required by Silo:LogProvider={silo.LogProvider} / Silo:StateProvider={silo.StateProvider} " +
                "(e.g. \"Host=127.0.0.1;Username=streamorleans;Password=...;Database=streamorleans\").");
        }

        if (silo.LogProvider is SiloOptions.Postgres or SiloOptions.Kafka && silo.StateProvider == SiloOptions.Sqlite)
        {
            throw new InvalidOperationException(
                $"Silo:LogProvider={silo.LogProvider} lets replicas share partitions, so grain state must be shared too: set Silo:StateProvider=Postgres " +
                "(a grain moving to another replica would otherwise start from that replica's own SQLite file).");
        }
    }

    // Silo:StateProvider picks where grain state lives.
    private static IServiceCollection AddGrainState(this IServiceCollection services, SiloOptions silo, IConfiguration configuration, string dataDirectory) =>
        silo.StateProvider switch
        {
            SiloOptions.Postgres => services.AddPostgresGrainStorage(configuration),
            _ => services.AddSqliteGrainStorage(configuration, o => o.FilePath = Path.GetFullPath(o.FilePath, dataDirectory)),
        };

    // Silo:LogProvider picks the stream log and, with it, how replicas share partitions.
    private static IServiceCollection AddStreamLog(this IServiceCollection services, SiloOptions silo, IConfiguration configuration, string dataDirectory) =>
        silo.LogProvider switch
        {
            SiloOptions.Postgres => services.AddPostgresStreams(configuration),
            SiloOptions.Kafka => services.AddKafkaStreams(configuration),
            _ => services.AddSqliteStreamLog(configuration, o =>
            {
                // Unless the log's own folder is configured, it lives in the silo's data directory.
                if (configuration[$"{SqliteStreamLogServiceCollectionExtensions.SectionName}:DataDirectory"] is null)
                {
                    o.DataDirectory = dataDirectory;
                }
            }),
        };
}
