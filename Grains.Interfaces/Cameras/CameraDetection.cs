namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>One face found in a frame and who it is.</summary>
/// <param name="Box">Detection box in frame pixels.</param>
/// <param name="Score">Detector score (0..1).</param>
/// <param name="Name">The enrolled person's name, or <see cref="Unknown"/>.</param>
/// <param name="Confidence">How sure the identification is (0..1): 1 - distance for nearest neighbour, the probability for the classifier.</param>
/// <param name="Distance">Euclidean distance to the nearest enrolled descriptor, null when the gallery is empty.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record CameraDetection([property: Orleans.Id(0)] FaceRectangle Box, [property: Orleans.Id(1)] double Score, [property: Orleans.Id(2)] string Name, [property: Orleans.Id(3)] double Confidence, [property: Orleans.Id(4)] double? Distance)
{
    /// <summary>The name given to faces that match nobody.</summary>
    public const string Unknown = "Unknown";
}
