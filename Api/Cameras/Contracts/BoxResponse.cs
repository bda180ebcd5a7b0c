namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>A face box in frame pixels.</summary>
public sealed record BoxResponse(double X, double Y, double Width, double Height);
