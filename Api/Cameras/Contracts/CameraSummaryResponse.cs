namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>One camera in GET /api/cameras.</summary>
public sealed record CameraSummaryResponse(string CameraId, long Frames, double Fps, long Faces, long Known, long Unknown, DateTimeOffset? LastFrameAt, long Rejected, StageMsResponse StageMs, long Skipped);
