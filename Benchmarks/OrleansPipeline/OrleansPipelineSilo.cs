using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Persistence;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.Hosting;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.OrleansPipeline;

/// <summary>
/// The benchmark's silo: a real host (<c>UseOrleans</c>, localhost clustering on free ports) with our log as stream
/// provider "log" (<c>CounterGrain</c> consumes topic counter-events), grain storage "grains", the probe as
/// incoming call filter, and optionally Orleans' memory streams "mem" for the twin grain.
/// </summary>
internal static class OrleansPipelineSilo
{
    public const string LogProvider = "log";
    public const string MemoryProvider = "mem";

    /// <summary>
    /// Starts the silo over <paramref name="log"/>; <paramref name="addStorage"/> registers grain storage "grains";
    /// <paramref name="configureLog"/>, when given, changes the log provider's options after the benchmark's own.
    /// </summary>
    public static async Task<IHost> StartAsync(
        OrleansPipelineSettings settings, IStreamLog log, AppliedProbe probe, bool memoryStreams,
        IReadOnlyDictionary<string, string?> configuration, Action<ISiloBuilder, IConfiguration> addStorage,
        Action<LogStreamOptions>? configureLog = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(probe);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free());
            silo.Services.AddSingleton<Orleans.IIncomingGrainCallFilter>(probe);
            silo.AddStreamOrleansLog(LogProvider, o =>
            {
                o.DefaultPartitions = OrleansPipelineSettings.Queues;
                o.CheckpointEvents = settings.CheckpointEvents;
                o.CheckpointInterval = settings.CheckpointInterval;
                o.MaxEventsPerDelivery = settings.MaxEventsPerDelivery;
                o.PollInterval = settings.PollInterval;
                o.Topics.Add(LogTopic.Create<CounterEvent>(CounterEvent.Topic, GrainsJsonContext.Default));
                configureLog?.Invoke(o);
            });
            addStorage(silo, builder.Configuration);
            if (memoryStreams)
            {
                silo.AddMemoryStreams(MemoryProvider, stream =>
                {
                    stream.ConfigurePartitioning(OrleansPipelineSettings.Queues);
                    stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
                    stream.ConfigurePullingAgent(agent => agent.Configure(pulling =>
                    {
                        pulling.GetQueueMsgsTimerPeriod = settings.PollInterval;
                        pulling.BatchContainerBatchSize = settings.MaxEventsPerDelivery;
                    }));
                });
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

}
