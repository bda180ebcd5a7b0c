namespace StreamOrleans.Tests.Cameras;

/// <summary>face-api's median milliseconds on the photo: detection, and descriptors for all its faces.</summary>
internal sealed record ReferenceTiming(double Detect, double Descriptors, int Faces);
