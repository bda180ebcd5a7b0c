namespace StreamOrleans.Tests.Grains.Cameras;

internal sealed record ReferenceBox(double X, double Y, double Width, double Height);
