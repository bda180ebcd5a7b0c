namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>A face box in image pixels (top-left corner, size).</summary>
public sealed record FaceRectangle(double X, double Y, double Width, double Height);
