namespace StreamOrleans.Grains.Cameras.FaceDetection;

/// <summary>One face found by a detector: its box in image pixels and the detector's confidence in (0, 1).</summary>
public sealed record DetectedFace(FaceBox Box, double Score);
