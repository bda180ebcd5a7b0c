namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>A camera's running totals.</summary>
/// <param name="CameraId">The camera (grain key).</param>
/// <param name="Frames">Frames analysed.</param>
/// <param name="Rejected">Frames dead-lettered as bad images.</param>
/// <param name="Fps">Frames per second over the recent frames seen by this activation (0 until two frames).</param>
/// <param name="Faces">Faces found in all frames.</param>
/// <param name="Known">Faces named.</param>
/// <param name="Unknown">Faces that matched nobody.</param>
/// <param name="LastFrameAt">When the last frame was processed; null before the first.</param>
/// <param name="StageMs">Per-stage milliseconds.</param>
/// <param name="Skipped">Frames skipped unanalysed because they were older than Cameras:MaxFrameLag when their turn came (load shedding).</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record CameraStats([property: Orleans.Id(0)] string CameraId, [property: Orleans.Id(1)] long Frames, [property: Orleans.Id(2)] long Rejected, [property: Orleans.Id(3)] double Fps, [property: Orleans.Id(4)] long Faces, [property: Orleans.Id(5)] long Known, [property: Orleans.Id(6)] long Unknown, [property: Orleans.Id(7)] DateTimeOffset? LastFrameAt, [property: Orleans.Id(8)] StageMilliseconds StageMs, [property: Orleans.Id(9)] long Skipped = 0);
