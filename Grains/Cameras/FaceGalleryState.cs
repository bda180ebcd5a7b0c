namespace StreamOrleans.Grains.Cameras;

/// <summary>Persistent state of <see cref="FaceGalleryGrain"/>: descriptors by person, and a version that grows with every change.</summary>
public sealed class FaceGalleryState
{
    public long Version { get; set; }

    public Dictionary<string, List<float[]>> People { get; set; } = new(StringComparer.Ordinal);
}
