namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>GET /api/cameras/{id}/latest: the latest analysed frame's faces and the camera's stats.</summary>
public sealed record LatestFrameResponse(string CameraId, long FrameNumber, DateTimeOffset CapturedAt, int Width, int Height, IReadOnlyList<FaceResponse> Faces, CameraStatsResponse Stats);
