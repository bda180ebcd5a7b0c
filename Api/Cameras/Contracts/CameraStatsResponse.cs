namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>A camera's totals and timings.</summary>
public sealed record CameraStatsResponse(long Frames, long Rejected, double Fps, long Faces, long Known, long Unknown, DateTimeOffset? LastFrameAt, StageMsResponse StageMs, long Skipped);
