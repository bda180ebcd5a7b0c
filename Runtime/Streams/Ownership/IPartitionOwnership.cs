namespace StreamOrleans.Runtime.Streams.Ownership;

/// <summary>
/// Decides which partitions this process consumes when several replicas share one stream log (a consumer group of
/// replicas). Implementations: <see cref="AllPartitionsOwnership"/> (one process owns everything; the embedded default),
/// PostgreSQL advisory locks, and Kafka consumer-group rebalancing.
/// </summary>
public interface IPartitionOwnership : IAsyncDisposable
{
    /// <summary>This member's id in the group (unique per process).</summary>
    string MemberId { get; }

    /// <summary>
    /// Joins the group for <paramref name="partitions"/> (every partition this silo consumes). The listener is told of
    /// each assignment and revocation, one call at a time, from now until <see cref="StopAsync"/> returns.
    /// </summary>
    Task StartAsync(IReadOnlyCollection<TopicPartition> partitions, IPartitionAssignmentListener listener, CancellationToken cancellationToken);

    /// <summary>Leaves the group gracefully: revokes every owned partition through the listener, then releases them.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>The partitions this member owns now.</summary>
    IReadOnlyCollection<TopicPartition> Owned { get; }

    /// <summary>The current owner of a partition, or null when no member owns it (for example during a hand-over).</summary>
    ValueTask<PartitionOwner?> GetOwnerAsync(TopicPartition partition, CancellationToken cancellationToken = default);
}
