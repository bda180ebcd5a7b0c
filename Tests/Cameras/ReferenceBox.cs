namespace StreamOrleans.Tests.Cameras;

internal sealed record ReferenceBox(double X, double Y, double Width, double Height);
