using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamOrleans.Runtime.Streams.Ownership;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;
using TopicPartition = StreamOrleans.Runtime.Streams.Ownership.TopicPartition;

namespace StreamOrleans.Runtime.Streams.Kafka;

/// <summary>
/// Partition ownership by Kafka consumer-group rebalancing: one consumer per silo, subscribed to the silo's topics in
/// Streams:ConsumerGroup with the cooperative-sticky assignor, polled on a dedicated thread. Its assigned, revoked and
/// lost callbacks call the <see cref="IPartitionAssignmentListener"/> and block until the listener's task completes,
/// so a revoked partition's grains have checkpointed, committed and deactivated before Kafka lets another member have
/// it. Assigned partitions are paused at once: this consumer fetches no data (the pumps read through
/// <see cref="KafkaStreamLog"/>); it exists for membership, heartbeats and the pumps' commits (<see cref="KafkaGroupMember"/>).
/// </summary>
/// <remarks>
/// <para>Kafka assigns every partition of a subscribed topic; partitions that are not ownership units of the silo
/// (partitions 1.. of a topic consumed whole, see <see cref="StreamRuntime"/>) are held but never reported.</para>
/// <para>A listener call that takes longer than librdkafka's max.poll.interval.ms (default 5 minutes) makes the member
/// leave the group; a replica that stops heartbeating loses its partitions after <see cref="KafkaOptions.SessionTimeout"/>
/// (reported to the survivors as ordinary assignments; the dead member's uncommitted events are replayed).</para>
/// <para>Owner look-up (<see cref="GetOwnerAsync"/>) reads the group's member assignments from the coordinator and the
/// owner's member id and API address from its client.id (<see cref="KafkaMemberClientId"/>).</para>
/// </remarks>
public sealed class KafkaPartitionOwnership : IPartitionOwnership
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly KafkaOptions _options;
    private readonly string _group;
    private readonly KafkaGroupMember _member;
    private readonly Func<Uri?> _advertisedAddress;
    private readonly ILogger _logger;
    private readonly Lazy<IAdminClient> _admin;
    private readonly Lock _gate = new();
    private readonly HashSet<TopicPartition> _owned = [];
    private readonly List<KafkaTopicPartition> _toPause = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<TopicPartition> _units = [];
    private IPartitionAssignmentListener? _listener;
    private Thread? _thread;
    private Uri? _address;
    private int _started;
    private int _disposed;
    private volatile bool _abandoned;

    /// <summary>Creates a member; nothing connects before <see cref="StartAsync"/>.</summary>
    /// <param name="options">Provider settings; validated here.</param>
    /// <param name="consumerGroup">The replicas' group (Streams:ConsumerGroup).</param>
    /// <param name="member">Shared with <see cref="KafkaStreamLog"/>, which commits the group through this member's consumer.</param>
    /// <param name="advertisedAddress">This replica's API base address, read once at start (null or returning null: unknown).</param>
    /// <param name="memberId">This member's id (default "{machine}-{process id}-{random}"); must not contain '|'.</param>
    /// <param name="logger">Logger; null for none.</param>
    public KafkaPartitionOwnership(
        KafkaOptions options,
        string consumerGroup,
        KafkaGroupMember member,
        Func<Uri?>? advertisedAddress = null,
        string? memberId = null,
        ILogger<KafkaPartitionOwnership>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        options.ThrowIfInvalid(nameof(options));
        _options = options;
        _group = consumerGroup;
        _member = member ?? throw new ArgumentNullException(nameof(member));
        _advertisedAddress = advertisedAddress ?? (static () => null);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        MemberId = string.IsNullOrWhiteSpace(memberId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
            : memberId;
        _admin = new(() => new AdminClientBuilder(KafkaClientConfigs.ForAdmin(options)).Build());
    }

    /// <inheritdoc />
    public string MemberId { get; }

    /// <summary>Kafka's own member id for this consumer (assigned by the coordinator when it joins), or null before that.</summary>
    public string? KafkaMemberId { get; private set; }

    /// <summary>
    /// Raised on the member's poll thread after an assignment, revocation or loss was handled by the listener and
    /// <see cref="Owned"/> changed (diagnostics, and tests that wait for a rebalance instead of sleeping).
    /// Handlers must be quick and must not throw.
    /// </summary>
    public event Action<KafkaPartitionOwnership>? OwnershipChanged;

    /// <inheritdoc />
    public IReadOnlyCollection<TopicPartition> Owned
    {
        get
        {
            lock (_gate)
            {
                return [.. _owned];
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The member joins on its own thread once its advertised address is known (or after
    /// <see cref="KafkaOptions.AdvertisedAddressWait"/>). Every unit's topic must exist in Kafka with more partitions than its highest unit (Kafka assigns only partitions
    /// of existing topics): missing ones, such as StreamRuntime's placement pseudo-topic (<see cref="StreamRuntime.PlacementTopic"/>),
    /// are created empty with that many partitions. Returns once the consumer is subscribed; assignments arrive on the
    /// listener when the group has rebalanced.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A unit's topic exists with too few partitions.</exception>
    public async Task StartAsync(IReadOnlyCollection<TopicPartition> partitions, IPartitionAssignmentListener listener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(listener);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"Kafka partition ownership member '{MemberId}' was already started; create a new one to join again.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _listener = listener;
        _units = [.. partitions];
        var topics = _units.Select(u => u.Topic).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Count == 0)
        {
            _stopped.TrySetResult();
            return;
        }

        try
        {
            await EnsureTopicsAsync(cancellationToken);
        }
        catch
        {
            _stopped.TrySetResult();
            throw;
        }

        _thread = new Thread(() => Run(topics)) { IsBackground = true, Name = $"kafka-member-{MemberId}" };
        _thread.Start();
    }

    /// <inheritdoc />
    /// <remarks>
    /// The poll thread revokes every owned partition through the listener (checkpoint, commit, deactivate) while this
    /// consumer is still a full member, then closes the consumer, which leaves the group so the others rebalance at once.
    /// </remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _started) == 0 || _stopped.Task.IsCompleted)
        {
            return;
        }

        await _stop.CancelAsync();
        await _stopped.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Test hook that behaves like a killed process: the poll thread stops and the consumer is destroyed without
    /// leaving the group and without calling the listener, so the group reassigns this member's partitions only when
    /// its session expires (<see cref="KafkaOptions.SessionTimeout"/>).
    /// </summary>
    internal async Task AbandonAsync()
    {
        _abandoned = true;
        await _stop.CancelAsync();
        await _stopped.Task;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Local partitions answer at once; otherwise one DescribeGroups request finds the member whose assignment holds
    /// the partition. The address is null when that member did not advertise one (or is not a StreamOrleans member).
    /// When the group cannot be described (the broker lacks DescribeGroups, or times out) the answer is null, logged.
    /// </remarks>
    public async ValueTask<PartitionOwner?> GetOwnerAsync(TopicPartition partition, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_owned.Contains(partition))
            {
                return new PartitionOwner(MemberId, _address, IsLocal: true);
            }
        }

        GroupInfo? group;
        try
        {
            group = await Task.Run(() => _admin.Value.ListGroup(_group, _options.OperationTimeout), cancellationToken);
        }
        catch (KafkaException e)
        {
            // Treated as "no known owner" (as during a hand-over) so a caller forwarding a request can answer at once.
            _logger.LogWarning(e, "Kafka member {Member}: describing group {Group} to find the owner of {Partition} failed: {Reason}", MemberId, _group, partition, e.Error.Reason);
            return null;
        }

        foreach (var member in group?.Members ?? [])
        {
            if (!KafkaMemberAssignment.Decode(member.MemberAssignment).Contains(partition))
            {
                continue;
            }

            return KafkaMemberClientId.TryParse(member.ClientId, out var memberId, out var address)
                ? new PartitionOwner(memberId, address, IsLocal: memberId == MemberId)
                : new PartitionOwner(member.MemberId, null, IsLocal: false);
        }

        return null;
    }

    /// <summary>Stops (see <see cref="StopAsync"/>) and releases the admin client. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        _stop.Dispose();
    }

    private async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        var topicAdmin = new KafkaTopicAdmin(_admin.Value, _options, TimeProvider.System);
        var existing = (await topicAdmin.ReadMetadataAsync(cancellationToken)).ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        foreach (var group in _units.GroupBy(u => u.Topic, StringComparer.Ordinal))
        {
            var needed = group.Max(u => u.Partition) + 1;
            if (!existing.TryGetValue(group.Key, out var count))
            {
                count = (await topicAdmin.CreateAsync(group.Key, needed, cancellationToken)).Partitions.Count;
                _logger.LogInformation("Kafka member {Member} created topic {Topic} ({Partitions} partitions) for its ownership units", MemberId, group.Key, count);
            }

            if (count < needed)
            {
                throw new InvalidOperationException(
                    $"Kafka topic '{group.Key}' has {count} partitions, but this silo's ownership units need {needed} (partitions 0 to {needed - 1}). Recreate the topic with {needed} partitions.");
            }
        }
    }

    /// <summary>The member's thread: waits for the advertised address, joins the group, then polls until stopped.</summary>
    private void Run(List<string> topics)
    {
        IConsumer<string, byte[]> consumer;
        try
        {
            var deadline = Environment.TickCount64 + (long)_options.AdvertisedAddressWait.TotalMilliseconds;
            while ((_address = _advertisedAddress()) is null && Environment.TickCount64 < deadline && !_stop.IsCancellationRequested)
            {
                // MemberAddress has no change notification; the API sets it once, just after the host started.
                _stop.Token.WaitHandle.WaitOne(50);
            }

            if (_stop.IsCancellationRequested)
            {
                _stopped.TrySetResult();
                return;
            }

            var clientId = KafkaMemberClientId.Format(_options.ClientId, MemberId, _address);
            consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfigs.ForGroupMember(_options, _group, clientId))
                .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned))
                .SetPartitionsRevokedHandler((_, revoked) => OnRevoked(revoked, lost: false))
                .SetPartitionsLostHandler((_, lost) => OnRevoked(lost, lost: true))
                .SetErrorHandler((_, e) => _logger.Log(e.IsFatal ? LogLevel.Error : LogLevel.Warning, "Kafka group member {Member}: {Reason} ({Code})", MemberId, e.Reason, e.Code))
                .Build();
            consumer.Subscribe(topics);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Kafka member {Member} could not join group {Group}", MemberId, _group);
            _stopped.TrySetResult();
            return;
        }

        _member.Attach(consumer, _group);
        _logger.LogInformation("Kafka member {Member} ({Address}) joining group {Group} for topics {Topics}", MemberId, _address, _group, string.Join(", ", topics));
        PollLoop(consumer);
    }

    private void PollLoop(IConsumer<string, byte[]> consumer)
    {
        Exception? failure = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    // Results are ignored: partitions are paused, and this member never stores or commits offsets itself.
                    consumer.Consume(PollTimeout);
                    KafkaMemberId ??= string.IsNullOrEmpty(consumer.MemberId) ? null : consumer.MemberId;
                }
                catch (ConsumeException e)
                {
                    _logger.LogWarning(e, "Kafka group member {Member}: consume error {Reason}", MemberId, e.Error.Reason);
                }
                catch (KafkaException e) when (!e.Error.IsFatal)
                {
                    _logger.LogWarning(e, "Kafka group member {Member}: {Reason}", MemberId, e.Error.Reason);
                }

                PauseAssigned(consumer);
            }
        }
        catch (Exception e)
        {
            failure = e;
            _logger.LogError(e, "Kafka group member {Member}: the poll loop failed; leaving the group", MemberId);
        }

        if (_abandoned)
        {
            // Destroying a consumer without Close() sends no LeaveGroup (Confluent.Kafka uses NO_CONSUMER_CLOSE).
            _member.Detach();
            consumer.Dispose();
            _stopped.TrySetResult();
            _logger.LogWarning("Kafka member {Member} abandoned group {Group} without leaving it", MemberId, _group);
            return;
        }

        try
        {
            List<TopicPartition> owned;
            lock (_gate)
            {
                owned = [.. _owned];
            }

            if (owned.Count > 0)
            {
                // Leaving: a full revoke while this consumer is still a member, so the commits are accepted. After a
                // fatal error the member may be fenced already: the partitions are lost instead (no commits).
                Call(
                    () => failure is null ? _listener!.OnRevokedAsync(owned, CancellationToken.None) : _listener!.OnLostAsync(owned, CancellationToken.None),
                    failure is null ? "revoke (leaving)" : "lose (failed)",
                    owned);
                lock (_gate)
                {
                    _owned.ExceptWith(owned);
                }

                RaiseChanged();
            }
        }
        finally
        {
            _member.Detach();
            try
            {
                consumer.Close();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Kafka group member {Member}: closing the consumer failed", MemberId);
            }

            consumer.Dispose();
            _stopped.TrySetResult();
            _logger.LogInformation("Kafka member {Member} left group {Group}", MemberId, _group);
        }
    }

    private void PauseAssigned(IConsumer<string, byte[]> consumer)
    {
        List<KafkaTopicPartition> pause;
        lock (_gate)
        {
            if (_toPause.Count == 0)
            {
                return;
            }

            pause = [.. _toPause];
            _toPause.Clear();
        }

        try
        {
            var assigned = consumer.Assignment.ToHashSet();
            consumer.Pause(pause.Where(assigned.Contains));
        }
        catch (KafkaException e)
        {
            _logger.LogWarning(e, "Kafka group member {Member}: pausing {Partitions} failed", MemberId, string.Join(", ", pause));
        }
    }

    /// <summary>Runs on the poll thread inside Consume(); Confluent.Kafka assigns the partitions after it returns.</summary>
    private void OnAssigned(List<KafkaTopicPartition> assigned)
    {
        List<TopicPartition> units;
        lock (_gate)
        {
            _toPause.AddRange(assigned);
            units = [.. assigned.Select(ToUnit).Where(u => _units.Contains(u) && !_owned.Contains(u))];
            _owned.UnionWith(units);
        }

        if (units.Count > 0)
        {
            Call(() => _listener!.OnAssignedAsync(units, _stop.Token), "assign", units);
            RaiseChanged();
        }
    }

    /// <summary>Runs on the poll thread inside Consume() or Close(); Kafka moves the partitions only after it returns.</summary>
    private void OnRevoked(List<TopicPartitionOffset> revoked, bool lost)
    {
        List<TopicPartition> units;
        lock (_gate)
        {
            units = [.. revoked.Select(r => ToUnit(r.TopicPartition)).Where(_owned.Contains)];
        }

        if (units.Count > 0)
        {
            Call(() => lost ? _listener!.OnLostAsync(units, CancellationToken.None) : _listener!.OnRevokedAsync(units, CancellationToken.None), lost ? "lose" : "revoke", units);
        }

        lock (_gate)
        {
            _owned.ExceptWith(units);
        }

        if (units.Count > 0)
        {
            RaiseChanged();
        }
    }

    private void RaiseChanged()
    {
        try
        {
            OwnershipChanged?.Invoke(this);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Kafka member {Member}: an OwnershipChanged handler failed", MemberId);
        }
    }

    /// <summary>Blocks the poll thread until the listener finished: that is what holds the partitions until the hand-over is done.</summary>
    private void Call(Func<Task> call, string what, IReadOnlyCollection<TopicPartition> partitions)
    {
        try
        {
            call().GetAwaiter().GetResult();
            _logger.LogInformation("Kafka member {Member}: {What} {Partitions} done", MemberId, what, string.Join(", ", partitions));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _logger.LogInformation("Kafka member {Member}: {What} {Partitions} cancelled (stopping)", MemberId, what, string.Join(", ", partitions));
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Kafka member {Member}: the listener failed to {What} {Partitions}", MemberId, what, string.Join(", ", partitions));
        }
    }

    private static TopicPartition ToUnit(KafkaTopicPartition partition) => new(partition.Topic, partition.Partition.Value);
}
