namespace StreamOrleans.Grains.Cameras.Landmarks;

/// <summary>A landmark position in image pixels.</summary>
public readonly record struct LandmarkPoint(double X, double Y);
