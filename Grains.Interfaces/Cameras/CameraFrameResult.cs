namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>The latest analysed frame of a camera.</summary>
/// <param name="CameraId">The camera.</param>
/// <param name="FrameNumber">The frame's number (header frame-number, else the camera's count).</param>
/// <param name="CapturedAt">Capture time (header capture-time, else log-append time).</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Faces">Faces and names.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record CameraFrameResult([property: Orleans.Id(0)] string CameraId, [property: Orleans.Id(1)] long FrameNumber, [property: Orleans.Id(2)] DateTimeOffset CapturedAt, [property: Orleans.Id(3)] int Width, [property: Orleans.Id(4)] int Height, [property: Orleans.Id(5)] IReadOnlyList<CameraDetection> Faces);
