namespace StreamOrleans.Grains.Interfaces.Trends;

/// <summary>Holt's forecast of the next 1-minute window's posts, with its running mean absolute error.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record VolumeForecast([property: Orleans.Id(0)] double NextWindowVolume, [property: Orleans.Id(1)] double MeanAbsoluteError);
