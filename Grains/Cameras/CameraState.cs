using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Streaming.ExactlyOnce;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Persistent state of <see cref="CameraGrain"/>: totals, stage averages and the latest result (the annotated JPEG stays in memory).</summary>
public sealed class CameraState : IExactlyOnceState
{
    public long Frames { get; set; }

    public long Rejected { get; set; }

    /// <summary>Frames skipped as too old (load shedding).</summary>
    public long Skipped { get; set; }

    public long Faces { get; set; }

    public long Known { get; set; }

    public long Unknown { get; set; }

    public DateTimeOffset? LastFrameAt { get; set; }

    public StageMilliseconds StageMs { get; set; } = new(0, 0, 0, 0, 0, 0, 0);

    public CameraFrameResult? Latest { get; set; }

    /// <summary>The stream positions the state includes (exactly-once bookkeeping).</summary>
    public AppliedPositions Applied { get; set; } = new();
}
