namespace StreamOrleans.Grains.Interfaces.Cameras;

/// <summary>Per-stage wall-clock milliseconds of a camera's frames (exponential moving average, alpha 0.2).</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record StageMilliseconds([property: Orleans.Id(0)] double Decode, [property: Orleans.Id(1)] double Detect, [property: Orleans.Id(2)] double Landmarks, [property: Orleans.Id(3)] double Descriptors, [property: Orleans.Id(4)] double Identify, [property: Orleans.Id(5)] double Annotate, [property: Orleans.Id(6)] double Total);
