using StreamOrleans.Runtime.Hosting;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Runtime.Placement;

/// <summary>
/// Where a grain lives when several replicas share the work: with the partition that feeds it (a stream grain), or
/// with a placement partition picked by its key (any other grain). Calls to a grain that lives elsewhere are sent
/// to its replica (<see cref="RemoteGrainCalls"/>), so each grain has one activation among all replicas.
/// Implemented by <see cref="Streams.StreamRuntime"/>; without it every grain is local.
/// </summary>
public interface IGrainPlacement
{
    /// <summary>True when the grain lives in this process now.</summary>
    bool IsLocal(GrainId id, GrainClassInfo grain);

    /// <summary>The replica the grain lives on now; null while its partition has no owner (a hand-over).</summary>
    ValueTask<PartitionOwner?> GetOwnerAsync(GrainId id, GrainClassInfo grain, CancellationToken cancellationToken);
}
