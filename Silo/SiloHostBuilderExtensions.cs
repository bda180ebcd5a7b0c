using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using StreamOrleans.Grains;
using StreamOrleans.Persistence;
using StreamOrleans.Persistence.AzureStorage;
using StreamOrleans.Persistence.Clustering;
using StreamOrleans.Streaming.Postgres;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Kafka;
using StreamOrleans.Streaming.EventHubs;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Silo.Configuration;
using SiloOptions = StreamOrleans.Silo.Configuration.SiloOptions;
using StreamOrleans.Silo.Hosting;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Hosting;

namespace StreamOrleans.Silo;

/// <summary>
/// A Microsoft Orleans silo with StreamOrleans' providers, picked by configuration: clustering (Cluster:Clustering:
/// localhost, development, PostgreSQL or Azure Table storage), our log as stream provider "log" (Silo:LogProvider:
/// SQLite, PostgreSQL, Kafka; or Orleans' Event Hubs provider), grain storage "grains" (Silo:StateProvider: our
/// group-commit stores on SQLite or PostgreSQL, or Orleans' Azure Blob storage), and the grains' services. The API co-hosts
/// it; <c>Silo/Program.cs</c> runs it headless.
/// </summary>
public static class SiloHostBuilderExtensions
{
    /// <summary>Adds the silo to the host; every options section is validated when it starts.</summary>
    public static IHostApplicationBuilder AddStreamOrleansSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var orleans = configuration.GetSection(OrleansSiloOptions.SectionName).Get<OrleansSiloOptions>() ?? new OrleansSiloOptions();

        // Aspire's Orleans resource (AppHost) allocates each replica its own ports and passes them as Orleans' own keys.
        orleans.SiloPort = configuration.GetValue("Orleans:Endpoints:SiloPort", orleans.SiloPort);
        orleans.GatewayPort = configuration.GetValue("Orleans:Endpoints:GatewayPort", orleans.GatewayPort);
        var dataDirectory = DataDirectory(configuration, builder.Environment.ContentRootPath);
        builder.Services.AddStreamOrleansSiloServices(configuration, dataDirectory);
        builder.Services.AddOptions<OrleansSiloOptions>().Bind(configuration.GetSection(OrleansSiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.UseOrleans(siloBuilder =>
        {
            // Grain calls carry the caller's trace (Orleans' Microsoft.Orleans.Application / .Runtime sources; exported by
            // AddServiceDefaults when telemetry is on). Aspire's Orleans resource asks Orleans for the same filters through
            // Orleans:EnableDistributedTracing=true; added twice, every grain call had two client and two server spans.
            if (!configuration.GetValue("Orleans:EnableDistributedTracing", false))
            {
                siloBuilder.AddActivityPropagation();
            }
            AddClustering(siloBuilder, orleans, configuration);
            siloBuilder.AddStreamOrleansProviders(configuration, dataDirectory);
        });
        return builder;
    }

    /// <summary>The folder of the embedded providers' files: Silo:DataDirectory, relative to <paramref name="contentRoot"/>.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        return Path.GetFullPath(silo.DataDirectory, contentRoot);
    }

    /// <summary>
    /// The silo's services, without Orleans itself: the log chosen by Silo:LogProvider, the grains' services, telemetry
    /// and the reporters. With <see cref="AddStreamOrleansProviders"/> this is the production wiring; a host adds
    /// clustering (<see cref="AddStreamOrleansSilo"/>), a test cluster its own.
    /// </summary>
    public static IServiceCollection AddStreamOrleansSiloServices(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var orleans = configuration.GetSection(OrleansSiloOptions.SectionName).Get<OrleansSiloOptions>() ?? new OrleansSiloOptions();
        var consumerGroup = configuration.GetSection(LogStreamOptions.SectionName).Get<LogStreamOptions>()?.ConsumerGroup ?? "grains";

        ThrowIfProvidersCannotWork(silo, orleans, configuration);
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (silo.LogProvider == SiloOptions.Postgres)
        {
            services.AddPostgresStreamLog(configuration);
        }
        else if (silo.LogProvider == SiloOptions.Kafka)
        {
            // Orleans balances the queues, so the log is used without joining a consumer group (offsets are committed as
            // the group's through the admin API).
            var kafka = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
            kafka.ThrowIfInvalid(KafkaOptions.SectionName);
            services.AddSingleton<IStreamLog>(sp => new KafkaStreamLog(kafka, consumerGroup,
                sp.GetService<TimeProvider>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<KafkaStreamLog>>()));
        }
        else if (silo.LogProvider == SiloOptions.Sqlite)
        {
            services.AddSqliteStreamLog(configuration, o =>
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
        services.AddStreamOrleansGrains(configuration);
        if (silo.ReportCheckpoints)
        {
            services.AddHostedService<CheckpointReporter>();
        }

        // Before Orleans' own: hosted services stop in reverse order, so this one reports after the silo stopped.
        services.AddHostedService<SiloStopReporter>();
        return services;
    }

    /// <summary>
    /// The silo's Orleans providers: stream provider "log" over our log (or Orleans' Event Hubs provider) and grain
    /// storage "grains" (Silo:StateProvider). Clustering is left to the caller.
    /// </summary>
    public static ISiloBuilder AddStreamOrleansProviders(this ISiloBuilder siloBuilder, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        ArgumentNullException.ThrowIfNull(configuration);
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        if (silo.LogProvider == SiloOptions.EventHubs)
        {
            var eventHubs = configuration.GetSection(EventHubsStreamOptions.SectionName).Get<EventHubsStreamOptions>() ?? new EventHubsStreamOptions();
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
        else if (silo.StateProvider == SiloOptions.AzureBlob)
        {
            siloBuilder.AddStreamOrleansAzureBlobStorage(GrainProviders.Storage, configuration);
        }
        else
        {
            siloBuilder.AddStreamOrleansSqliteStorage(GrainProviders.Storage, configuration, o => o.FilePath = Path.GetFullPath(o.FilePath, dataDirectory));
        }

        return siloBuilder;
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

        if (orleans.Clustering is OrleansSiloOptions.Postgres or OrleansSiloOptions.AzureTable && silo.StateProvider == SiloOptions.Sqlite)
        {
            throw new InvalidOperationException(
                $"Cluster:Clustering={orleans.Clustering} forms a cluster of machines, so grain state must be shared: set Silo:StateProvider=Postgres " +
                "or AzureBlob (a grain moving to another silo would otherwise start from that silo's own SQLite file).");
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
        else if (orleans.Clustering == OrleansSiloOptions.AzureTable)
        {
            siloBuilder.UseStreamOrleansAzureTableClustering(configuration);
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
