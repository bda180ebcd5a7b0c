using Orleans;

namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>
/// One camera (key = camera id): consumes topic "frames" (JPEG bytes), finds and names faces, publishes annotated
/// frames to "frames-annotated", and keeps stats and the latest result.
/// </summary>
public interface ICameraGrain : IGrainWithStringKey
{
    /// <summary>The camera's totals, fps and per-stage milliseconds.</summary>
    Task<CameraStats> GetStatsAsync();

    /// <summary>The latest analysed frame, or null before the first.</summary>
    Task<CameraFrameResult?> GetLatestAsync();

    /// <summary>The latest annotated frame as JPEG, or null when this activation has not analysed a frame yet.</summary>
    Task<byte[]?> GetLatestJpegAsync();
}
