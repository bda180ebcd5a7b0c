namespace StreamOrleans.Runtime.Streams.Ownership;

/// <summary>The single-process default: this process owns every partition, from start to stop.</summary>
public sealed class AllPartitionsOwnership : IPartitionOwnership
{
    private IPartitionAssignmentListener? _listener;
    private IReadOnlyCollection<TopicPartition> _owned = [];

    public string MemberId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public IReadOnlyCollection<TopicPartition> Owned => _owned;

    public async Task StartAsync(IReadOnlyCollection<TopicPartition> partitions, IPartitionAssignmentListener listener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        _listener = listener ?? throw new ArgumentNullException(nameof(listener));
        _owned = [.. partitions];
        await listener.OnAssignedAsync(_owned, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null && _owned.Count > 0)
        {
            var owned = _owned;
            _owned = [];
            await _listener.OnRevokedAsync(owned, cancellationToken);
        }
    }

    public ValueTask<PartitionOwner?> GetOwnerAsync(TopicPartition partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<PartitionOwner?>(new PartitionOwner(MemberId, null, IsLocal: true));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
