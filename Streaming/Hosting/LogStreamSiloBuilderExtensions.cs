using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Provider;
using StreamOrleans.Streaming.Rewind;

namespace StreamOrleans.Streaming.Hosting;

/// <summary>Registers the durable log as an Orleans persistent stream provider.</summary>
public static class LogStreamSiloBuilderExtensions
{
    /// <summary>
    /// Adds stream provider <paramref name="name"/> over the log registered as <c>IStreamLog</c> (keyed by the
    /// provider's name, else the silo's one: SQLite, PostgreSQL or Kafka). Topics are stream namespaces, record keys
    /// are stream keys, partitions are queues balanced among silos by Orleans. Subscriptions are implicit only
    /// (<c>[ImplicitStreamSubscription("topic")]</c>). Options bind from <paramref name="configurationSection"/>
    /// ("Streams" unless given) and then <paramref name="configure"/>; they are validated at start-up.
    /// </summary>
    public static ISiloBuilder AddStreamOrleansLog(this ISiloBuilder builder, string name, Action<LogStreamOptions> configure,
        Microsoft.Extensions.Configuration.IConfiguration? configurationSection = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var options = builder.Services.AddOptions<LogStreamOptions>(name);
        if (configurationSection is not null)
        {
            options.Bind(configurationSection);
        }

        options.Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<LogCheckpoints>();

        // First of the outgoing filters, whenever AddActivityPropagation was called: Orleans' client span of a delivery
        // must start under the record's trace (see StreamDeliveryTracing), and filters run in registration order.
        if (!builder.Services.Any(d => d.ImplementationType == typeof(StreamDeliveryTracing)))
        {
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IOutgoingGrainCallFilter, StreamDeliveryTracing>());
        }

        builder.Services.AddKeyedSingleton(name, (services, _) => new LogDeadLetters(
            LogQueueAdapterFactory.LogOf(services, name),
            name, services.GetRequiredService<IOptionsMonitor<LogStreamOptions>>().Get(name).DeadLetterTopic, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.TryAddSingleton<IStreamDeadLetters>(services => services.GetRequiredKeyedService<LogDeadLetters>(name));
        builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<LogDeadLetters>(name));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton(name, (services, _) => new LogQueueDrain(name,
            services.GetRequiredService<IOptionsMonitor<LogStreamOptions>>().Get(name).DrainOnStop, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LogQueueDrain>>()));
        builder.Services.AddSingleton<Orleans.ILifecycleParticipant<Orleans.Runtime.ISiloLifecycle>>(services => services.GetRequiredKeyedService<LogQueueDrain>(name));
        builder.Services.AddKeyedSingleton(name, (services, _) => new LogStreamRewinder(name,
            services.GetRequiredService<IOptionsMonitor<LogStreamOptions>>().Get(name),
            LogQueueAdapterFactory.LogOf(services, name),
            services.GetRequiredService<IGrainFactory>(), services.GetServices<IStreamStateReset>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LogStreamRewinder>>()));
        builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<LogStreamRewinder>(name));
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(services => new LogRetentionService(
            LogQueueAdapterFactory.LogOf(services, name),
            services.GetRequiredService<IOptionsMonitor<LogStreamOptions>>().Get(name).RetentionInterval,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LogRetentionService>>()));
        builder.AddPersistentStreams(name, LogQueueAdapterFactory.Create, stream =>
        {
            stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
            stream.ConfigureBackoffProvider((_, _) => new LogDeliveryBackoff());
            // Queues are balanced by Orleans' default balancer: each silo takes the queues whose hash falls in its
            // ranges of the cluster's consistent ring (membership); a dead silo's ranges, and so its queues, go to the others.
            stream.ConfigurePullingAgent(agent => agent.Configure<IOptionsMonitor<LogStreamOptions>>((pulling, all) =>
            {
                var log = all.Get(name);
                pulling.GetQueueMsgsTimerPeriod = log.PollInterval;
                pulling.MaxEventDeliveryTime = log.MaxDeliveryTime;

                // One container per delivery: the cache's cursor already joins a stream's pending records (see LogCacheCursor).
                pulling.BatchContainerBatchSize = 1;
            }));
        });
        return builder;
    }
}
