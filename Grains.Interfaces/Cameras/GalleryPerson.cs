namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>A person's enrolled 128-d face descriptors.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record GalleryPerson([property: Orleans.Id(0)] string Name, [property: Orleans.Id(1)] IReadOnlyList<float[]> Descriptors);
