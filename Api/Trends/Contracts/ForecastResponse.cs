namespace StreamOrleans.Api.Trends.Contracts;

/// <summary>Holt's forecast of the next minute's posts and its running mean absolute error.</summary>
public sealed record ForecastResponse(double NextWindowVolume, double MeanAbsoluteError);
