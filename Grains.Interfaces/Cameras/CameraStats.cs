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
public sealed record CameraStats(string CameraId, long Frames, long Rejected, double Fps, long Faces, long Known, long Unknown, DateTimeOffset? LastFrameAt, StageMilliseconds StageMs, long Skipped = 0);
