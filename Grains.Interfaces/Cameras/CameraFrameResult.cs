namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>The latest analysed frame of a camera.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="FrameNumber">The frame's number (header frame-number, else the camera's count).</param>
/// <param name="CapturedAt">Capture time (header capture-time, else log-append time).</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Faces">Faces and names.</param>
public sealed record CameraFrameResult(string CameraId, long FrameNumber, DateTimeOffset CapturedAt, int Width, int Height, IReadOnlyList<CameraDetection> Faces);
