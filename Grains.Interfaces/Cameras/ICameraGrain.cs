using Orleans;
using Orleans.Concurrency;

namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>
/// One camera (key = camera id): consumes topic "frames" (JPEG bytes), finds and names faces, publishes annotated
/// frames to "frames-annotated", and keeps stats and the latest result.
/// </summary>
/// <remarks>
/// The queries interleave with frame analysis ([AlwaysInterleave]): they only read, and a frame's turn awaits inference
/// for tens to hundreds of milliseconds, so without it GET /api/cameras waited behind every queued frame (1.6-5.4 s in
/// the live demo). They may see a frame's counts just before its state write completes.
/// </remarks>
public interface ICameraGrain : IGrainWithStringKey
{
    /// <summary>The camera's totals, fps and per-stage milliseconds.</summary>
    [AlwaysInterleave]
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<CameraStats> GetStatsAsync();

    /// <summary>The latest analysed frame, or null before the first.</summary>
    [AlwaysInterleave]
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<CameraFrameResult?> GetLatestAsync();

    /// <summary>The latest annotated frame as JPEG, or null when this activation has not analysed a frame yet.</summary>
    [AlwaysInterleave]
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<byte[]?> GetLatestJpegAsync();
}
