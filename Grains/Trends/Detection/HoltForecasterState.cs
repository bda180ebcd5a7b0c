namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="HoltForecaster"/>.</summary>
/// <param name="Alpha">Level smoothing.</param>
/// <param name="Beta">Trend smoothing.</param>
/// <param name="Count">Observations seen.</param>
/// <param name="Level">Current level.</param>
/// <param name="Trend">Current trend.</param>
/// <param name="ErrorCount">One-step-ahead forecasts scored.</param>
/// <param name="SumAbsoluteError">Sum of absolute forecast errors.</param>
/// <param name="SumSquaredError">Sum of squared forecast errors.</param>
public sealed record HoltForecasterState(
    double Alpha, double Beta, long Count, double Level, double Trend, long ErrorCount, double SumAbsoluteError, double SumSquaredError);
