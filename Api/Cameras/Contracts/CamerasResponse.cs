namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>GET /api/cameras: every camera that has sent a frame, by id.</summary>
public sealed record CamerasResponse(IReadOnlyList<CameraSummaryResponse> Cameras);
