using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Hosting;

namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// Runs the silo's stream consumption: creates subscribed topics, runs one <see cref="PartitionPump"/> per owned
/// partition (in this embedded, single-process setup: all of them), and rewinds consumer groups.
/// </summary>
public sealed class StreamRuntime : IAsyncDisposable
{
    private readonly GrainRuntime _grains;
    private readonly Dictionary<(string Topic, int Partition), (Task Task, CancellationTokenSource Stop)> _pumps = [];
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly SemaphoreSlim _control = new(1, 1);

    public StreamRuntime(
        IStreamLog log,
        GrainRuntime grains,
        StreamSubscriptionRegistry subscriptions,
        DeadLetterPublisher deadLetters,
        IOptions<StreamingOptions> options,
        TimeProvider timeProvider,
        ILogger<StreamRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Log = log;
        _grains = grains;
        Subscriptions = subscriptions;
        DeadLetters = deadLetters;
        Options = options.Value;
        TimeProvider = timeProvider;
        Logger = logger;
    }

    public IStreamLog Log { get; }

    public StreamSubscriptionRegistry Subscriptions { get; }

    public DeadLetterPublisher DeadLetters { get; }

    public StreamingOptions Options { get; }

    public StreamStats Stats { get; } = new();

    /// <summary>Partitions currently pumped by this process.</summary>
    public int PumpCount => _pumps.Count;

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal ActivationCatalog Catalog => _grains.Catalog;

    /// <summary>Creates the subscribed topics (and the dead-letter topic) if missing and starts their pumps.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _control.WaitAsync(cancellationToken);
        try
        {
            Diagnostics.LiveStreamRuntimes.Add(this);
            Diagnostics.RuntimeInstruments.EnsureCreated();
            Diagnostics.StreamInstruments.EnsureCreated();
            await Log.CreateTopicAsync(Options.DeadLetterTopic, 1, cancellationToken);
            foreach (var topic in Subscriptions.Topics.Concat(Options.Topics.Keys).Distinct())
            {
                await Log.CreateTopicAsync(topic, Options.PartitionsFor(topic), cancellationToken);
            }

            foreach (var topic in Subscriptions.Topics)
            {
                await StartTopicAsync(topic, cancellationToken);
            }
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Stops every pump; each finishes its in-flight events and commits a final checkpoint.</summary>
    public async Task StopAsync()
    {
        Diagnostics.LiveStreamRuntimes.Remove(this);
        await _control.WaitAsync();
        try
        {
            await StopTopicsAsync(_pumps.Keys.Select(k => k.Topic).Distinct().ToList());
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Moves a consumer group's committed offsets for <paramref name="topic"/> (all partitions, or one).
    /// For the silo's own group the pumps restart from there. With <paramref name="resetState"/>, the state of every
    /// grain class that consumes the topic is deleted first and all the topics those classes consume are rewound to
    /// the same point, so the models are rebuilt from the log (Kappa). Returns the new offsets by partition.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, long>> SeekAsync(string topic, string group, SeekPosition position, int? partition = null, bool resetState = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(position);
        var info = await Log.GetTopicAsync(topic, cancellationToken) ?? throw new UnknownTopicException(topic);
        if (partition is { } p && (p < 0 || p >= info.Partitions))
        {
            throw new ArgumentOutOfRangeException(nameof(partition), $"partition {p} does not exist: topic '{topic}' has partitions 0..{info.Partitions - 1}.");
        }

        if (resetState && (position.Offset is not null || partition is not null))
        {
            throw new ArgumentException("resetState rebuilds whole models, so it needs a point in time ('earliest' or a timestamp) for all partitions, not an offset or a single partition.", nameof(resetState));
        }

        if (ConsumerGroupName.Validate(group) is { } groupProblem)
        {
            throw new ArgumentException($"Invalid consumer group '{group}': {groupProblem}.", nameof(group));
        }

        var own = group == Options.ConsumerGroup;
        if (resetState && !own)
        {
            throw new ArgumentException($"resetState rebuilds this silo's grains, so it applies only to the silo's own consumer group '{Options.ConsumerGroup}', not '{group}'.", nameof(resetState));
        }

        await _control.WaitAsync(cancellationToken);
        try
        {
            var topics = new List<string> { topic };
            List<GrainClassInfo> classes = [];
            if (own && resetState)
            {
                (topics, classes) = Closure(topic);
            }

            if (own)
            {
                await StopTopicsAsync(topics);
            }

            if (classes.Count > 0)
            {
                var typeNames = classes.Select(c => c.TypeName).ToHashSet();
                await _grains.Catalog.DeactivateAsync(a => typeNames.Contains(a.Id.Type), DeactivationReason.Rebalanced);
                foreach (var grainClass in classes)
                {
                    foreach (var storageName in grainClass.States.Select(s => s.StorageName ?? Persistence.PersistentStateFactory.DefaultStorageName).Distinct())
                    {
                        var storage = _grains.Services.GetRequiredKeyedService<IGrainStorage>(storageName);
                        await storage.ClearAllAsync(grainClass.TypeName, cancellationToken);
                    }
                }
            }

            var result = new Dictionary<int, long>();
            foreach (var t in topics)
            {
                var offsets = await Log.GetOffsetsAsync(t, cancellationToken);
                foreach (var range in offsets.Where(o => partition is null || o.Partition == partition))
                {
                    var target = position switch
                    {
                        { Offset: { } o } => Math.Clamp(o, range.StartOffset, range.EndOffset),
                        { Timestamp: { } ts } => await Log.FindOffsetAsync(t, range.Partition, ts, cancellationToken),
                        { Latest: true } => range.EndOffset,
                        _ => range.StartOffset,
                    };
                    await Log.CommitAsync(group, t, range.Partition, target, cancellationToken);
                    if (t == topic)
                    {
                        result[range.Partition] = target;
                    }
                }
            }

            if (own)
            {
                foreach (var t in topics.Where(t => Subscriptions.For(t).Count > 0))
                {
                    await StartTopicAsync(t, cancellationToken);
                }
            }

            return result;
        }
        finally
        {
            _control.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _control.Dispose();
    }

    /// <summary>Tracks fire-and-forget work (dead letters of failed activations) that checkpoints must wait for.</summary>
    internal void TrackBackground(Task task)
    {
        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), TaskScheduler.Default);
    }

    internal Task WhenBackgroundIdleAsync() => _background.IsEmpty ? Task.CompletedTask : Task.WhenAll(_background.Keys);

    private (List<string> Topics, List<GrainClassInfo> Classes) Closure(string topic)
    {
        var topics = new HashSet<string>(StringComparer.Ordinal) { topic };
        var classes = new HashSet<GrainClassInfo>();
        var queue = new Queue<string>([topic]);
        while (queue.TryDequeue(out var t))
        {
            foreach (var subscription in Subscriptions.For(t))
            {
                if (classes.Add(subscription.Grain))
                {
                    foreach (var other in subscription.Grain.Subscriptions.Select(s => s.Topic))
                    {
                        if (topics.Add(other))
                        {
                            queue.Enqueue(other);
                        }
                    }
                }
            }
        }

        return ([.. topics], [.. classes]);
    }

    private async Task StartTopicAsync(string topic, CancellationToken cancellationToken)
    {
        var info = await Log.GetTopicAsync(topic, cancellationToken) ?? throw new UnknownTopicException(topic);
        var subscriptions = Subscriptions.For(topic);
        for (var partition = 0; partition < info.Partitions; partition++)
        {
            if (_pumps.ContainsKey((topic, partition)))
            {
                continue;
            }

            var stop = new CancellationTokenSource();
            var pump = new PartitionPump(this, topic, partition, subscriptions);
            var task = Task.Run(() => RunPumpAsync(pump, stop.Token), CancellationToken.None);
            _pumps[(topic, partition)] = (task, stop);
        }
    }

    private async Task RunPumpAsync(PartitionPump pump, CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await pump.RunAsync(stop);
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // The log itself failed (disk, database): restart from the committed offset after a pause.
                Logger.LogError(e, "Pump {Topic}/{Partition} failed; restarting in {Backoff}", pump.Topic, pump.Partition, backoff);
                try
                {
                    await Task.Delay(backoff, TimeProvider, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task StopTopicsAsync(IReadOnlyCollection<string> topics)
    {
        var stopping = _pumps.Where(p => topics.Contains(p.Key.Topic)).ToList();
        foreach (var (_, (_, stop)) in stopping)
        {
            await stop.CancelAsync();
        }

        foreach (var (key, (task, stop)) in stopping)
        {
            try
            {
                await task;
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Pump {Topic}/{Partition} failed while stopping", key.Topic, key.Partition);
            }

            stop.Dispose();
            _pumps.Remove(key);
        }
    }
}
