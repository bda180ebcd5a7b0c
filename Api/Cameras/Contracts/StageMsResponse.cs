namespace StreamOrleans.Api.Cameras.Contracts;

/// <summary>Per-stage milliseconds (moving average over recent frames).</summary>
public sealed record StageMsResponse(double Decode, double Detect, double Landmarks, double Descriptors, double Identify, double Annotate, double Total);
