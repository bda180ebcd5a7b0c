namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>A face box in image pixels (top-left corner, size).</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record FaceRectangle([property: Orleans.Id(0)] double X, [property: Orleans.Id(1)] double Y, [property: Orleans.Id(2)] double Width, [property: Orleans.Id(3)] double Height);
