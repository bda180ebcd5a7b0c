namespace StreamOrleans.Grains.Cameras.Identification;

/// <summary>Who a descriptor belongs to: a name or "Unknown", a confidence in 0..1, and the nearest distance (null for an empty gallery).</summary>
public sealed record Identification(string Name, double Confidence, double? Distance);
