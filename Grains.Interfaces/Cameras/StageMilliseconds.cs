namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>Per-stage wall-clock milliseconds of a camera's frames (exponential moving average, alpha 0.2).</summary>
public sealed record StageMilliseconds(double Decode, double Detect, double Landmarks, double Descriptors, double Identify, double Annotate, double Total);
