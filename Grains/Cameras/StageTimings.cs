namespace StreamOrleans.Grains.Cameras;

/// <summary>Wall-clock milliseconds per pipeline stage for one frame (landmarks and descriptors summed over faces).</summary>
public sealed record StageTimings(double DecodeMs, double DetectMs, double LandmarksMs, double DescriptorsMs)
{
    public double TotalMs => DecodeMs + DetectMs + LandmarksMs + DescriptorsMs;
}
