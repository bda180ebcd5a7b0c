namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>The gallery at one version (the version grows with every change), people sorted by name.</summary>
public sealed record FaceGallerySnapshot(long Version, IReadOnlyList<GalleryPerson> People);
