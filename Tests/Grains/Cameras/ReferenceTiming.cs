namespace StreamOrleans.Tests.Grains.Cameras;

/// <summary>
/// face-api's median milliseconds on the photo: detection; unaligned descriptors of all its faces; the whole aligned
/// pipeline (detection, landmarks, aligned descriptors).
/// </summary>
internal sealed record ReferenceTiming(double Detect, double Descriptors, double DetectLandmarksDescriptors, int Faces);
