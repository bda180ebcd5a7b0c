namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>POST /api/cameras/{id}/frames: where the frame landed in topic "frames".</summary>
public sealed record FrameAcceptedResponse(string CameraId, int Partition, long Offset);
