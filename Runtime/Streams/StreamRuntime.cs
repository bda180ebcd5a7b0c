using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamOrleans.Runtime.Configuration;
using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// Runs the silo's stream consumption: creates subscribed topics, runs one <see cref="PartitionPump"/> per owned
/// partition, hands partitions over when <see cref="IPartitionOwnership"/> moves them between replicas, and rewinds
/// consumer groups.
/// </summary>
/// <remarks>
/// Ownership units: a topic whose subscriptions all route by record key is split by partition (a grain's events all
/// come from the partition of its key, so the grain lives with that partition). A topic with a routed (fan-out)
/// subscription is one unit, represented by its partition 0: the replica that owns partition 0 consumes every
/// partition of it, so each of its grains still has a single activation.
/// </remarks>
public sealed class StreamRuntime : IAsyncDisposable, IPartitionAssignmentListener, Placement.IGrainPlacement
{
    /// <summary>
    /// The topic whose partitions place grains that no stream feeds (model, directory and gallery grains): such a grain
    /// lives with partition GetPartition(key, <see cref="PlacementPartitions"/>) of it. It is created empty and never
    /// written to or pumped; only its ownership matters.
    /// </summary>
    public const string PlacementTopic = "grain-placement";

    /// <summary>Number of placement partitions.</summary>
    public const int PlacementPartitions = 8;

    private readonly GrainRuntime _grains;
    private readonly IPartitionOwnership _ownership;
    private readonly HashSet<TopicPartition> _owned = [];
    private volatile HashSet<TopicPartition> _ownedSnapshot = [];
    private readonly Dictionary<string, int> _partitionCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, int Partition), (Task Task, CancellationTokenSource Stop)> _pumps = [];
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly SemaphoreSlim _control = new(1, 1);

    public StreamRuntime(
        IStreamLog log,
        GrainRuntime grains,
        StreamSubscriptionRegistry subscriptions,
        DeadLetterPublisher deadLetters,
        IPartitionOwnership ownership,
        IOptions<StreamingOptions> options,
        TimeProvider timeProvider,
        ILogger<StreamRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Log = log;
        _grains = grains;
        Subscriptions = subscriptions;
        DeadLetters = deadLetters;
        _ownership = ownership;
        grains.Placement = this;
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

    /// <summary>Who owns which partition among the replicas.</summary>
    public IPartitionOwnership Ownership => _ownership;

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    internal ActivationCatalog Catalog => _grains.Catalog;

    /// <summary>
    /// Creates the subscribed topics (and the dead-letter topic) if missing and joins the replicas' group; pumps start
    /// for the partitions the group assigns to this process.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        List<TopicPartition> units = [];
        await _control.WaitAsync(cancellationToken);
        try
        {
            Diagnostics.LiveStreamRuntimes.Add(this);
            Diagnostics.RuntimeInstruments.EnsureCreated();
            Diagnostics.StreamInstruments.EnsureCreated();
            await Log.CreateTopicAsync(Options.DeadLetterTopic, 1, cancellationToken);

            // Never written to; it exists so that every ownership provider (a Kafka consumer group too) can hand out its partitions.
            await Log.CreateTopicAsync(PlacementTopic, PlacementPartitions, cancellationToken);
            foreach (var topic in Subscriptions.Topics.Concat(Options.Topics.Keys).Distinct())
            {
                await Log.CreateTopicAsync(topic, Options.PartitionsFor(topic), cancellationToken);
            }

            foreach (var topic in Subscriptions.Topics)
            {
                var info = await Log.GetTopicAsync(topic, cancellationToken) ?? throw new UnknownTopicException(topic);
                _partitionCounts[topic] = info.Partitions;
                units.AddRange(IsSplitByPartition(topic)
                    ? Enumerable.Range(0, info.Partitions).Select(p => new TopicPartition(topic, p))
                    : [new TopicPartition(topic, 0)]);
            }

            units.AddRange(Enumerable.Range(0, PlacementPartitions).Select(p => new TopicPartition(PlacementTopic, p)));
        }
        finally
        {
            _control.Release();
        }

        await _ownership.StartAsync(units, this, cancellationToken);
    }

    /// <summary>
    /// Leaves the replicas' group (every owned partition is checkpointed and handed over) and stops every pump; each
    /// finishes its in-flight events and commits a final checkpoint.
    /// </summary>
    public async Task StopAsync()
    {
        Diagnostics.LiveStreamRuntimes.Remove(this);
        try
        {
            await _ownership.StopAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Leaving the partition ownership group failed; stopping the pumps anyway");
        }

        await _control.WaitAsync();
        try
        {
            await StopTopicsAsync(_pumps.Keys.Select(k => k.Topic).Distinct().ToList());
            _owned.Clear();
            _ownedSnapshot = [];
        }
        finally
        {
            _control.Release();
        }
    }

    /// <inheritdoc />
    async Task IPartitionAssignmentListener.OnAssignedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        await _control.WaitAsync(cancellationToken);
        try
        {
            foreach (var unit in partitions)
            {
                if (_owned.Add(unit) && _partitionCounts.ContainsKey(unit.Topic))
                {
                    StartUnit(unit);
                }
            }

            _ownedSnapshot = [.. _owned];

            Diagnostics.StreamInstruments.PartitionHandovers.Add(partitions.Count, new KeyValuePair<string, object?>(Diagnostics.StreamInstruments.HandoverTag, "assigned"));
            Logger.LogInformation("Assigned {Partitions}; this process now pumps {Pumps} partitions", string.Join(", ", partitions), _pumps.Count);
            Stats.RecordOwnership([.. _owned]);
        }
        finally
        {
            _control.Release();
        }
    }

    /// <inheritdoc />
    Task IPartitionAssignmentListener.OnRevokedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken) =>
        ReleaseAsync(partitions, "Revoked");

    /// <inheritdoc />
    Task IPartitionAssignmentListener.OnLostAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken) =>
        ReleaseAsync(partitions, "Lost");

    /// <summary>
    /// The partition whose owner hosts the grain <paramref name="grainType"/>/<paramref name="key"/> fed by
    /// <paramref name="topic"/> (partition 0 for a topic consumed whole), or null when this silo does not consume the topic.
    /// </summary>
    public TopicPartition? PartitionOf(string topic, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_partitionCounts.TryGetValue(topic, out var count))
        {
            return null;
        }

        return new TopicPartition(topic, IsSplitByPartition(topic) ? StreamPartitioner.GetPartition(key, count) : 0);
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
                // Other replicas would keep consuming (and committing) the partitions they own.
                var elsewhere = topics.Where(_partitionCounts.ContainsKey)
                    .SelectMany(t => IsSplitByPartition(t) ? Enumerable.Range(0, _partitionCounts[t]).Select(p => new TopicPartition(t, p)) : [new TopicPartition(t, 0)])
                    .Where(u => !_owned.Contains(u))
                    .ToList();
                if (elsewhere.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"Rewinding group '{group}' needs every partition of {string.Join(", ", topics)} on this replica, but {elsewhere.Count} are owned by other replicas " +
                        $"(e.g. {string.Join(", ", elsewhere.Take(3))}): stop the other replicas (they hand their partitions over), rewind, then start them again.");
                }

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
                    StartTopic(t);
                }
            }

            return result;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// The ownership unit a grain lives with: the partition of its key in the first topic its class consumes (partition 0
    /// of a topic consumed whole), or its placement partition when no stream feeds it.
    /// </summary>
    public TopicPartition UnitOf(GrainId id, GrainClassInfo grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        if (grain.Subscriptions.Count > 0 && PartitionOf(grain.Subscriptions[0].Topic, id.Key) is { } unit)
        {
            return unit;
        }

        return new TopicPartition(PlacementTopic, StreamPartitioner.GetPartition(id.Key, PlacementPartitions));
    }

    /// <inheritdoc />
    public bool IsLocal(GrainId id, GrainClassInfo grain) => _ownership is AllPartitionsOwnership || _ownedSnapshot.Contains(UnitOf(id, grain));

    /// <inheritdoc />
    public ValueTask<PartitionOwner?> GetOwnerAsync(GrainId id, GrainClassInfo grain, CancellationToken cancellationToken) =>
        _ownership.GetOwnerAsync(UnitOf(id, grain), cancellationToken);

    // _control is deliberately not disposed: a host may stop the silo while the container disposes it, and a
    // SemaphoreSlim whose wait handle was never used holds nothing to release.
    public async ValueTask DisposeAsync() => await StopAsync();

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

    private bool IsSplitByPartition(string topic) => Subscriptions.For(topic).All(s => s.RoutesByRecordKey);

    // Starts the pumps of the owned units of a topic (after a seek stopped them).
    private void StartTopic(string topic)
    {
        foreach (var unit in _owned.Where(u => u.Topic == topic))
        {
            StartUnit(unit);
        }
    }

    private IEnumerable<int> PartitionsOf(TopicPartition unit) =>
        IsSplitByPartition(unit.Topic) ? [unit.Partition] : Enumerable.Range(0, _partitionCounts[unit.Topic]);

    private void StartUnit(TopicPartition unit)
    {
        var subscriptions = Subscriptions.For(unit.Topic);
        foreach (var partition in PartitionsOf(unit))
        {
            if (_pumps.ContainsKey((unit.Topic, partition)))
            {
                continue;
            }

            var stop = new CancellationTokenSource();
            var pump = new PartitionPump(this, unit.Topic, partition, subscriptions);
            var task = Task.Run(() => RunPumpAsync(pump, stop.Token), CancellationToken.None);
            _pumps[(unit.Topic, partition)] = (task, stop);
        }
    }

    // Hand-over: stop the units' pumps (each checkpoints and commits), then deactivate the grains they fed, so the next
    // owner activates them from the state written here.
    private async Task ReleaseAsync(IReadOnlyCollection<TopicPartition> partitions, string why)
    {
        await _control.WaitAsync();
        try
        {
            var units = partitions.Where(_owned.Remove).ToHashSet();
            _ownedSnapshot = [.. _owned];
            var stopping = units.Where(u => _partitionCounts.ContainsKey(u.Topic)).SelectMany(u => PartitionsOf(u).Select(p => (u.Topic, p))).ToHashSet();
            await StopPumpsAsync(_pumps.Keys.Where(stopping.Contains).ToList());
            await _grains.Catalog.DeactivateAsync(a => units.Contains(UnitOf(a.Id, a.ClassInfo)), DeactivationReason.Rebalanced);

            Diagnostics.StreamInstruments.PartitionHandovers.Add(units.Count, new KeyValuePair<string, object?>(Diagnostics.StreamInstruments.HandoverTag, why.ToLowerInvariant()));
            Logger.LogInformation("{Why} {Partitions}: checkpointed and deactivated; this process now pumps {Pumps} partitions", why, string.Join(", ", units), _pumps.Count);
            Stats.RecordOwnership([.. _owned]);
        }
        finally
        {
            _control.Release();
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

    private Task StopTopicsAsync(IReadOnlyCollection<string> topics) =>
        StopPumpsAsync(_pumps.Keys.Where(k => topics.Contains(k.Topic)).ToList());

    private async Task StopPumpsAsync(IReadOnlyCollection<(string Topic, int Partition)> keys)
    {
        var stopping = keys.Select(k => (Key: k, Pump: _pumps[k])).ToList();
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
