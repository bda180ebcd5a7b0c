namespace StreamOrleans.Runtime.Streams.Ownership;

/// <summary>
/// Receives partition hand-offs from an <see cref="IPartitionOwnership"/> (implemented by <see cref="StreamRuntime"/>).
/// Calls are never concurrent. A revocation completes only after the partitions' pumps have stopped, their grains have
/// checkpointed and deactivated and the consumer offsets are committed, so the next owner starts exactly where this one stopped.
/// </summary>
public interface IPartitionAssignmentListener
{
    /// <summary>This member now owns <paramref name="partitions"/>: start consuming them from the committed offsets.</summary>
    Task OnAssignedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// This member must give up <paramref name="partitions"/>: finish in-flight events, checkpoint, commit, deactivate.
    /// </summary>
    Task OnRevokedAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// The partitions were lost without a clean hand-over (the ownership session itself failed): stop consuming them at
    /// once. Whatever was not committed is replayed by the next owner; grains skip what they already applied.
    /// </summary>
    Task OnLostAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken);
}
