namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>A person's enrolled 128-d face descriptors.</summary>
public sealed record GalleryPerson(string Name, IReadOnlyList<float[]> Descriptors);
