using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>
/// An <see cref="IPartitionAssignmentListener"/> that records each call, in order, on a timeline it may share with
/// other listeners (so a test can see one member's revoke finish before another's assign), tracks what it owns, and
/// lets a test await a condition, re-checked on every change of any listener on the timeline, instead of sleeping.
/// </summary>
internal sealed class RecordingAssignmentListener(string name, AssignmentTimeline? timeline = null) : IPartitionAssignmentListener
{
    private readonly Lock _gate = new();
    private readonly HashSet<TopicPartition> _owned = [];

    /// <summary>Every call of every listener sharing it.</summary>
    public AssignmentTimeline Timeline { get; } = timeline ?? new AssignmentTimeline();

    /// <summary>Runs inside OnRevokedAsync before it completes (for example, to commit as the silo would).</summary>
    public Func<IReadOnlyCollection<TopicPartition>, Task>? BeforeRevokeCompletes { get; set; }

    public IReadOnlySet<TopicPartition> Owned
    {
        get
        {
            lock (_gate)
            {
                return _owned.ToHashSet();
            }
        }
    }

    public Task OnAssignedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Record("assigned", partitions, owned => owned.UnionWith(partitions));
        return Task.CompletedTask;
    }

    public async Task OnRevokedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Record("revoke-start", partitions, _ => { });
        if (BeforeRevokeCompletes is { } hook)
        {
            await hook(partitions);
        }

        Record("revoked", partitions, owned => owned.ExceptWith(partitions));
    }

    public Task OnLostAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Record("lost", partitions, owned => owned.ExceptWith(partitions));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Completes when <paramref name="condition"/> holds, re-checking after each call of any listener on the timeline
    /// (a condition may read other listeners); fails after <paramref name="timeout"/>, showing the timeline.
    /// </summary>
    public async Task WaitUntilAsync(Func<RecordingAssignmentListener, bool> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Timeline.NextEntry;
            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{name}: not {what} within {timeout}. Timeline: {Timeline}");
            }
        }
    }

    /// <summary>Changes what is owned first, then adds the entry, so a waiter woken by the entry sees the change.</summary>
    private void Record(string what, IReadOnlyCollection<TopicPartition> partitions, Action<HashSet<TopicPartition>> change)
    {
        lock (_gate)
        {
            change(_owned);
        }

        Timeline.Add($"{name} {what} {string.Join(",", partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition))}");
    }
}
