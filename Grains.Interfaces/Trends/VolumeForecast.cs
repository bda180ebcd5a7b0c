namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Holt's forecast of the next 1-minute window's posts, with its running mean absolute error.</summary>
public sealed record VolumeForecast(double NextWindowVolume, double MeanAbsoluteError);
