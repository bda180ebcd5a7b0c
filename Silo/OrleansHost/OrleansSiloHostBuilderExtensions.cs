using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Diagnostics;
using StreamOrleans.Persistence;
using StreamOrleans.Persistence.Clustering;
using StreamOrleans.Runtime.Postgres;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Kafka;
using StreamOrleans.Streaming.EventHubs;
using StreamOrleans.Runtime.Streams.Sqlite;
using SiloOptions = StreamOrleans.Silo.Configuration.SiloOptions;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Hosting;

namespace StreamOrleans.Silo.OrleansHost;

/// <summary>
/// The silo on Microsoft Orleans (Silo:Engine=Orleans), beside our own runtime until the grains have moved: clustering,
/// our log as the stream provider "log" and our group-commit stores as grain storage "grains", picked by the same
/// Silo:LogProvider / Silo:StateProvider settings as the old silo (plus Silo:LogProvider=EventHubs: Orleans' own
/// Event Hubs provider).
/// </summary>
public static class OrleansSiloHostBuilderExtensions
{
    /// <summary>The stream provider name grains and producers use.</summary>
    public const string StreamProvider = "log";

    /// <summary>Adds an Orleans silo to the host; options are validated when it starts.</summary>
    public static IHostApplicationBuilder AddOrleansSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var orleans = configuration.GetSection(OrleansSiloOptions.SectionName).Get<OrleansSiloOptions>() ?? new OrleansSiloOptions();
        var dataDirectory = Path.GetFullPath(silo.DataDirectory, builder.Environment.ContentRootPath);
        var eventHubs = configuration.GetSection(EventHubsStreamOptions.SectionName).Get<EventHubsStreamOptions>() ?? new EventHubsStreamOptions();
        var consumerGroup = configuration.GetSection(LogStreamOptions.SectionName).Get<LogStreamOptions>()?.ConsumerGroup ?? "grains";

        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OrleansSiloOptions>().Bind(configuration.GetSection(OrleansSiloOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (silo.LogProvider == SiloOptions.Postgres)
        {
            builder.Services.AddPostgresStreams(configuration);
        }
        else if (silo.LogProvider == SiloOptions.Kafka)
        {
            // Orleans balances the queues, so the log is used without joining a consumer group (offsets are committed as
            // the group's through the admin API).
            var kafka = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
            kafka.ThrowIfInvalid(KafkaOptions.SectionName);
            builder.Services.AddSingleton<IStreamLog>(services => new KafkaStreamLog(kafka, consumerGroup, member: null,
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
            });
        }

        if (silo.ReportCheckpoints)
        {
            builder.Services.AddHostedService<OrleansCheckpointReporter>();
        }

        builder.UseOrleans(siloBuilder =>
        {
            AddClustering(siloBuilder, orleans, configuration);
            if (silo.LogProvider == SiloOptions.EventHubs)
            {
                siloBuilder.AddStreamOrleansEventHubs(StreamProvider, eventHubs);
            }
            else
            {
                siloBuilder.AddStreamOrleansLog(StreamProvider, o => o.Topics.AddRange(GrainStreamTopics.All), configuration.GetSection(LogStreamOptions.SectionName));
            }

            if (silo.StateProvider == SiloOptions.Postgres)
            {
                siloBuilder.AddStreamOrleansPostgresStorage(StreamCounterGrain.StorageName, configuration);
            }
            else
            {
                siloBuilder.AddStreamOrleansSqliteStorage(StreamCounterGrain.StorageName, configuration, o => o.FilePath = Path.GetFullPath(o.FilePath, dataDirectory));
            }
        });
        return builder;
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
