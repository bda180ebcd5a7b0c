using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamOrleans.Grains;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Postgres;
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
