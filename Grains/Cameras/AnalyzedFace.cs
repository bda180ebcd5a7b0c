using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Landmarks;

namespace StreamOrleans.Grains.Cameras;

/// <summary>
/// One face in a frame: detection box and score, landmarks (null when alignment is off), the box the descriptor was
/// computed on, and the 128-d descriptor (compare with Euclidean distance; face-api's same-person threshold is 0.6).
/// </summary>
public sealed record AnalyzedFace(DetectedFace Detection, FaceLandmarks68? Landmarks, FaceBox DescriptorBox, float[] Descriptor);
