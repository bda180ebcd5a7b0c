namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>The gallery at one version (the version grows with every change), people sorted by name.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record FaceGallerySnapshot([property: Orleans.Id(0)] long Version, [property: Orleans.Id(1)] IReadOnlyList<GalleryPerson> People);
