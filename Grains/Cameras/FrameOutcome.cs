namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// What one frame, already analysed and published, does to its camera: <paramref name="Apply"/> changes the stored
/// counts (run inside the exactly-once apply, possibly again after a reload), <paramref name="Stored"/> updates what the
/// grain keeps in memory once the counts are stored (run once).
/// </summary>
/// <param name="Apply">The change to the camera's state.</param>
/// <param name="Stored">The in-memory change (fps window, latest JPEG, metrics), if any.</param>
/// <param name="Analysed">Whether the frame was analysed (not skipped or rejected).</param>
internal sealed record FrameOutcome(Action<CameraState> Apply, Action? Stored = null, bool Analysed = false);
