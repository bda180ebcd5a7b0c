using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Cache;
using StreamOrleans.Streaming.Configuration;
using StreamOrleans.Streaming.DeadLetters;
using StreamOrleans.Streaming.Diagnostics;
using StreamOrleans.Streaming.Routing;

namespace StreamOrleans.Streaming.Provider;

/// <summary>
/// The log stream provider's factory, as Orleans' persistent stream provider asks for it: the adapter (producing and
/// receivers), the per-queue caches, the queue mapper and the delivery failure handler. It creates the provider's
/// topics in the log at start (or checks that existing ones have the configured partition count).
/// </summary>
public sealed class LogQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapterCache
{
    private readonly string _name;
    private readonly LogStreamOptions _options;
    private readonly IStreamLog _log;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly LogDeadLetters _deadLetters;
    private readonly LogCheckpoints? _checkpoints;
    private readonly Dictionary<string, LogTopicCodec> _codecs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _partitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ILogTopicRouter> _routers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<QueueId, LogQueueCache> _caches = new();
    private readonly Func<IEnumerable<Type>>? _grainClasses;
    private readonly LogQueueDrain? _drain;
    private LogQueueMapper? _mapper;

    /// <summary>Creates the factory of provider <paramref name="name"/> over <paramref name="log"/>.</summary>
    public LogQueueAdapterFactory(string name, LogStreamOptions options, IStreamLog log, TimeProvider timeProvider, ILoggerFactory loggerFactory,
        LogCheckpoints? checkpoints = null, Func<IEnumerable<Type>>? grainClasses = null, LogDeadLetters? deadLetters = null, IServiceProvider? services = null,
        LogQueueDrain? drain = null)
    {
        _drain = drain;
        _checkpoints = checkpoints;
        _grainClasses = grainClasses;
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _options = options;
        _log = log;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        if (options.Topics.Count == 0)
        {
            throw new InvalidOperationException($"Stream provider '{name}' carries no topic: add at least one to LogStreamOptions.Topics.");
        }

        foreach (var topic in options.Topics)
        {
            TopicName.ThrowIfInvalid(topic.Name);
            TopicInfo.ThrowIfInvalidPartitionCount(options.PartitionsOf(topic), $"Topics[{topic.Name}].Partitions");
            if (!_codecs.TryAdd(topic.Name, new LogTopicCodec(topic)))
            {
                throw new InvalidOperationException($"Stream provider '{name}' lists topic '{topic.Name}' twice.");
            }

            if (topic.Router is { } router)
            {
                _routers[topic.Name] = router(services ?? throw new InvalidOperationException($"Topic '{topic.Name}' has a router, which needs the silo's services."));
            }
        }

        _deadLetters = deadLetters ?? new LogDeadLetters(log, name, options.DeadLetterTopic, timeProvider, loggerFactory);
    }

    /// <summary>Orleans' factory entry point: the provider's options by name and the log registered for it.</summary>
    public static LogQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptionsMonitor<LogStreamOptions>>().Get(name);
        var log = LogOf(services, name);
        return new LogQueueAdapterFactory(name, options, log, services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>(), services.GetService<LogCheckpoints>(),
            () => services.GetService<IOptions<Orleans.Serialization.Configuration.TypeManifestOptions>>()?.Value.InterfaceImplementations ?? [],
            services.GetKeyedService<LogDeadLetters>(name), services, services.GetKeyedService<LogQueueDrain>(name));
    }

    /// <summary>The log of provider <paramref name="name"/>: the <see cref="IStreamLog"/> registered under its name, else the silo's.</summary>
    public static IStreamLog LogOf(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetKeyedService<IStreamLog>(name) ?? services.GetRequiredService<IStreamLog>();
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        foreach (var topic in _options.Topics)
        {
            var partitions = _options.PartitionsOf(topic);
            var info = await _log.GetTopicAsync(topic.Name, cancellationToken) ?? await _log.CreateTopicAsync(topic.Name, partitions, cancellationToken);
            if (info.Partitions != partitions)
            {
                throw new InvalidOperationException(
                    $"Topic '{topic.Name}' has {info.Partitions} partitions in the log but stream provider '{_name}' is configured with {partitions}; " +
                    $"set Streams:Topics:{topic.Name}:Partitions={info.Partitions} (partitions cannot change: keys would move).");
            }

            if (topic.Consumed)
            {
                _partitions[topic.Name] = info.Partitions;
            }
        }

        // Topics named only in configuration (Streams:Topics:{name}) have no consumer here: plain topics that producers
        // append to and external consumer groups read, created with the partition counts the settings give.
        foreach (var (name, settings) in _options.TopicSettings.Where(t => !_options.Topics.Any(topic => topic.Name == t.Key)))
        {
            if (await _log.GetTopicAsync(name, cancellationToken) is null)
            {
                await _log.CreateTopicAsync(name, settings.Partitions ?? _options.DefaultPartitions, cancellationToken);
            }
        }

        if (await _log.GetTopicAsync(_options.DeadLetterTopic, cancellationToken) is null)
        {
            await _log.CreateTopicAsync(_options.DeadLetterTopic, 1, cancellationToken);
        }

        if (_grainClasses is not null)
        {
            var namespaces = _partitions.Keys.SelectMany(topic => _routers.TryGetValue(topic, out var router) ? router.Namespaces : [topic]);
            foreach (var topic in ImplicitSubscribers.Missing(_grainClasses(), namespaces))
            {
                // A warning, not an error: in a cluster of different silos the consumers may live on other silos.
                _loggerFactory.CreateLogger<LogQueueAdapterFactory>().LogWarning(
                    "Stream namespace '{Topic}' of stream provider '{Provider}' has no [ImplicitStreamSubscription] among this silo's grains: " +
                    "its records are held until a consumer confirms them, so its queues will stall. Add a consumer, or declare the topic with LogTopic.Output.", topic, _name);
            }
        }

        _mapper = new LogQueueMapper(_partitions);
        return new LogQueueAdapter(_name, this, _log);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IStreamQueueMapper GetStreamQueueMapper() =>
        _mapper ?? throw new InvalidOperationException($"Stream provider '{_name}' has not created its adapter yet.");

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new LogDeliveryFailureHandler(() => CacheOf(queueId), _deadLetters, _options.MaxDeliveryTime, () => _drain?.Stopping == true));

    /// <summary>A new cache for the queue's pulling agent (created just before its receiver).</summary>
    public IQueueCache CreateQueueCache(QueueId queueId)
    {
        var cache = new LogQueueCache(queueId, _options);
        _caches[queueId] = cache;
        return cache;
    }

    internal LogTopicCodec CodecOf(string topic) => _codecs.TryGetValue(topic, out var codec)
        ? codec
        : throw new ArgumentException($"Topic '{topic}' is not carried by stream provider '{_name}' (known: {string.Join(", ", _codecs.Keys)}).", nameof(topic));

    internal IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var (topic, partition) = LogQueueMapper.Describe(queueId);
        var cache = CacheOf(queueId) ?? throw new InvalidOperationException($"Queue {queueId} has no cache: the pulling agent creates it before the receiver.");
        var receiver = new LogQueueReceiver(queueId, topic, partition, CodecOf(topic), _routers.GetValueOrDefault(topic), cache, _log, _deadLetters, _options, _checkpoints, _name, _timeProvider,
            _loggerFactory.CreateLogger<LogQueueReceiver>(), _drain);
        return receiver;
    }

    private LogQueueCache? CacheOf(QueueId queueId) => _caches.TryGetValue(queueId, out var cache) ? cache : null;
}
