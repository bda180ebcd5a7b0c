namespace StreamOrleans.Runtime.Persistence;

/// <summary>The runtime's view of a grain's persistent state (non-generic).</summary>
internal interface IPersistentStateInternal
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
