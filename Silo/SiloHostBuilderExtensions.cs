using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using StreamOrleans.Grains;
using StreamOrleans.Persistence;
using StreamOrleans.Persistence.Clustering;
using StreamOrleans.Runtime.Postgres;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Kafka;
using StreamOrleans.Streaming.EventHubs;
using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Silo.Configuration;
using SiloOptions = StreamOrleans.Silo.Configuration.SiloOptions;
using StreamOrleans.Silo.Hosting;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Hosting;

namespace StreamOrleans.Silo;

/// <summary>
/// A Microsoft Orleans silo with StreamOrleans' providers, picked by configuration: clustering (Cluster:Clustering),
/// our log as stream provider "log" (Silo:LogProvider: SQLite, PostgreSQL, Kafka; or Orleans' Event Hubs provider),
/// our group-commit stores as grain storage "grains" (Silo:StateProvider), and the grains' services. The API co-hosts
/// it; <c>Silo/Program.cs</c> runs it headless.
/// </summary>
public static class SiloHostBuilderExtensions
{
    /// <summary>Adds the silo to the host; every options section is validated when it starts.</summary>
    public static IHostApplicationBuilder AddStreamOrleansSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var orleans = configuration.GetSection(OrleansSiloOptions.SectionName).Get<OrleansSiloOptions>() ?? new OrleansSiloOptions();

        // Aspire's Orleans resource (AppHost) allocates each replica its own ports and passes them as Orleans' own keys.
        orleans.SiloPort = configuration.GetValue("Orleans:Endpoints:SiloPort", orleans.SiloPort);
        orleans.GatewayPort = configuration.GetValue("Orleans:Endpoints:GatewayPort", orleans.GatewayPort);
        var dataDirectory = Path.GetFullPath(silo.DataDirectory, builder.Environment.ContentRootPath);
        var eventHubs = configuration.GetSection(EventHubsStreamOptions.SectionName).Get<EventHubsStreamOptions>() ?? new EventHubsStreamOptions();
        var consumerGroup = configuration.GetSection(LogStreamOptions.SectionName).Get<LogStreamOptions>()?.ConsumerGroup ?? "grains";

        ThrowIfProvidersCannotWork(silo, orleans, configuration);
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OrleansSiloOptions>().Bind(configuration.GetSection(OrleansSiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (silo.LogProvider == SiloOptions.Postgres)
        {
            builder.Services.AddPostgresStreamLog(configuration);
        }
        else if (silo.LogProvider == SiloOptions.Kafka)
        {
            // Orleans balances the queues, so the log is used without joining a consumer group (offsets are committed as
            // the group's through the admin API).
            var kafka = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
            kafka.ThrowIfInvalid(KafkaOptions.SectionName);
            builder.Services.AddSingleton<IStreamLog>(services => new KafkaStreamLog(kafka, consumerGroup,
                services.GetService<TimeProvider>(), services.GetService<Microsoft.Extensions.Logging.ILogger<KafkaStreamLog>>()));
        }
        else if (silo.LogProvider == SiloOptions.Sqlite)
        {
            builder.Services.AddSqliteStreamLog(configuration, o =>
            {
                if (configuration[$"{SqliteStreamLogServiceCollectionExtensions.SectionName}:DataDirectory"] is null)
                {
                    o.DataDirectory = dataDirectory;
                }

                // Frames are ~200 KB each: a week of them would fill the disk (Streams:Sqlite:RetentionAgeByTopic:frames overrides).
                o.RetentionAgeByTopic.TryAdd(StreamOrleans.Grains.Interfaces.Cameras.CameraTopics.Frames, SiloOptions.FrameRetention);
                o.RetentionAgeByTopic.TryAdd(StreamOrleans.Grains.Interfaces.Cameras.CameraTopics.AnnotatedFrames, SiloOptions.FrameRetention);
            });
        }

        // The grains' options and services (catalog, sentiment scorer and learner, clocks): without them no feature grain activates.
        builder.Services.AddStreamOrleansGrains(configuration);
        if (silo.ReportCheckpoints)
        {
            builder.Services.AddHostedService<CheckpointReporter>();
        }

        if (silo.LogProvider != SiloOptions.EventHubs)
        {
            builder.Services.AddHostedService<LogRetentionService>();
        }

        // Before UseOrleans: hosted services stop in reverse order, so this one reports after the silo stopped.
        builder.Services.AddHostedService<SiloStopReporter>();
        builder.UseOrleans(siloBuilder =>
        {
            // Grain calls carry the caller's trace (Orleans' Microsoft.Orleans.Application / .Runtime sources; exported by
            // AddServiceDefaults when telemetry is on).
            siloBuilder.AddActivityPropagation();
            AddClustering(siloBuilder, orleans, configuration);
            if (silo.LogProvider == SiloOptions.EventHubs)
            {
                siloBuilder.AddStreamOrleansEventHubs(GrainProviders.Streams, eventHubs);
            }
            else
            {
                siloBuilder.AddStreamOrleansLog(GrainProviders.Streams, o => o.Topics.AddRange(GrainStreamTopics.All), configuration.GetSection(LogStreamOptions.SectionName));
            }

            if (silo.StateProvider == SiloOptions.Postgres)
            {
                siloBuilder.AddStreamOrleansPostgresStorage(GrainProviders.Storage, configuration);
            }
            else
            {
                siloBuilder.AddStreamOrleansSqliteStorage(GrainProviders.Storage, configuration, o => o.FilePath = Path.GetFullPath(o.FilePath, dataDirectory));
            }
        });
        return builder;
    }

    // Combinations that would start and then fail, or silently diverge between silos, stop the host at once.
    private static void ThrowIfProvidersCannotWork(SiloOptions silo, OrleansSiloOptions orleans, IConfiguration configuration)
    {
        // The providers are picked from these values while wiring, so a bad one is reported now, as its options
        // validation would report it at start (an unknown provider would otherwise surface as a missing service).
        var invalid = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(silo, new(silo), invalid, validateAllProperties: true))
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(SiloOptions.SectionName, typeof(SiloOptions), [.. invalid.Select(r => r.ErrorMessage ?? "invalid")]);
        }

        var needsPostgres = silo.LogProvider == SiloOptions.Postgres || silo.StateProvider == SiloOptions.Postgres || orleans.Clustering == OrleansSiloOptions.Postgres;
        if (needsPostgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(PostgresDataSourceProvider.ConnectionStringName)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Postgres is not set; it is required by Silo:LogProvider={silo.LogProvider} / Silo:StateProvider={silo.StateProvider} / " +
                $"Cluster:Clustering={orleans.Clustering} (e.g. \"Host=127.0.0.1;Username=streamorleans;Password=...;Database=streamorleans\").");
        }

        if (orleans.Clustering == OrleansSiloOptions.Postgres && silo.StateProvider == SiloOptions.Sqlite)
        {
            throw new InvalidOperationException(
                "Cluster:Clustering=Postgres forms a cluster of machines, so grain state must be shared: set Silo:StateProvider=Postgres " +
                "(a grain moving to another silo would otherwise start from that silo's own SQLite file).");
        }
    }

    private static void AddClustering(ISiloBuilder siloBuilder, OrleansSiloOptions orleans, IConfiguration configuration)
    {
        siloBuilder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans.ClusterId;
            o.ServiceId = orleans.ClusterId;
        });
        if (orleans.Clustering == OrleansSiloOptions.Localhost)
        {
            siloBuilder.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ClusterId, clusterId: orleans.ClusterId);
            return;
        }

        if (orleans.Clustering == OrleansSiloOptions.Postgres)
        {
            siloBuilder.UsePostgresClustering(configuration);
        }
        else
        {
            siloBuilder.UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, orleans.PrimarySiloPort));
        }

        var advertised = AdvertisedAddress(orleans);
        siloBuilder.ConfigureEndpoints(advertised, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));

        // A SIGKILLed silo is declared dead in ~2 s instead of 12-14 s (ENVIRONMENT.md), so its queues and grains move
        // quickly: two missed 1 s probes and one vote (the prober's own) suffice. Fewer missed probes would declare a
        // silo dead on one slow probe (a GC pause, a busy machine).
        siloBuilder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
        });
    }

    private static IPAddress AdvertisedAddress(OrleansSiloOptions orleans)
    {
        if (string.IsNullOrEmpty(orleans.AdvertisedAddress))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(orleans.AdvertisedAddress, out var address)
            ? address
            : throw new InvalidOperationException($"Cluster:AdvertisedAddress '{orleans.AdvertisedAddress}' is not an IP address; give this silo's IPv4 or IPv6 address, or leave it empty for loopback.");
    }
}
