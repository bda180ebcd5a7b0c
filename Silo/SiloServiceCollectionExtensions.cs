using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamOrleans.Grains;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Silo.Configuration;
using StreamOrleans.Silo.Telemetry;

namespace StreamOrleans.Silo;

/// <summary>Wires a complete silo: runtime, grains, serialization, storage, stream log and stream consumption.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo to a host on the embedded defaults: SQLite grain storage and the SQLite stream log under
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
            .AddSqliteGrainStorage(configuration, o => o.FilePath = Path.GetFullPath(o.FilePath, dataDirectory))
            .AddSqliteStreamLog(configuration, o =>
            {
                // Unless the log's own folder is configured, it lives in the silo's data directory.
                if (configuration[$"{SqliteStreamLogServiceCollectionExtensions.SectionName}:DataDirectory"] is null)
                {
                    o.DataDirectory = dataDirectory;
                }
            })
            .AddStreams(configuration);
        if (silo.ReportCheckpoints)
        {
            builder.Services.AddHostedService<CheckpointReporter>();
        }

        return builder;
    }
}
