namespace StreamOrleans.Grains.Cameras;

/// <summary>Persistent state of <see cref="CameraDirectoryGrain"/>.</summary>
public sealed class CameraDirectoryState
{
    public SortedSet<string> Cameras { get; set; } = new(StringComparer.Ordinal);
}
