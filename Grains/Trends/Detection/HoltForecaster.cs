namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// One-step-ahead forecasts of a series (e.g. posts per window) with running MAE and RMSE of those forecasts.
/// </summary>
/// <remarks>
/// Method: Holt's linear trend method (Holt 1957; Hyndman and Athanasopoulos, "Forecasting: Principles and Practice",
/// section 8.2): level l_t = alpha y_t + (1 - alpha)(l_{t-1} + b_{t-1}); trend b_t = beta (l_t - l_{t-1}) +
/// (1 - beta) b_{t-1}; forecast y_{t+h} = l_t + h b_t. Initialisation: l_1 = y_1, b_1 = 0 after the first value, then
/// l_2 = y_2, b_2 = y_2 - y_1 after the second (so a linear series is forecast exactly from then on). Forecast errors
/// are scored from the third observation, the first one that had a trend-based forecast.
/// </remarks>
public sealed class HoltForecaster
{
    private double _sumAbsoluteError;
    private double _sumSquaredError;

    /// <summary>Creates a forecaster; both smoothing weights must lie in (0, 1].</summary>
    public HoltForecaster(double alpha = 0.5, double beta = 0.3)
    {
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1].");
        }

        if (!(beta > 0 && beta <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Beta must be in (0, 1].");
        }

        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>Level smoothing weight.</summary>
    public double Alpha { get; }

    /// <summary>Trend smoothing weight.</summary>
    public double Beta { get; }

    /// <summary>Observations seen.</summary>
    public long Count { get; private set; }

    /// <summary>Current level.</summary>
    public double Level { get; private set; }

    /// <summary>Current trend per step.</summary>
    public double Trend { get; private set; }

    /// <summary>Forecasts scored so far.</summary>
    public long ErrorCount { get; private set; }

    /// <summary>Mean absolute error of the one-step forecasts scored so far (0 before any).</summary>
    public double MeanAbsoluteError => ErrorCount == 0 ? 0 : _sumAbsoluteError / ErrorCount;

    /// <summary>Root mean squared error of the one-step forecasts scored so far (0 before any).</summary>
    public double RootMeanSquaredError => ErrorCount == 0 ? 0 : Math.Sqrt(_sumSquaredError / ErrorCount);

    /// <summary>Forecast <paramref name="steps"/> (at least 1) ahead; NaN before the first observation.</summary>
    public double Forecast(int steps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        return Count == 0 ? double.NaN : Level + (steps * Trend);
    }

    /// <summary>Adds the next value; returns the error (actual - forecast) of the forecast made for it, if it was scored.</summary>
    public double? Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Value must be finite.");
        }

        double? error = null;
        switch (Count)
        {
            case 0:
                Level = value;
                Trend = 0;
                break;
            case 1:
                Trend = value - Level;
                Level = value;
                break;
            default:
                var e = value - (Level + Trend);
                ErrorCount++;
                _sumAbsoluteError += Math.Abs(e);
                _sumSquaredError += e * e;
                error = e;
                var previousLevel = Level;
                Level = (Alpha * value) + ((1 - Alpha) * (Level + Trend));
                Trend = (Beta * (Level - previousLevel)) + ((1 - Beta) * Trend);
                break;
        }

        Count++;
        return error;
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public HoltForecasterState ExportState() =>
        new(Alpha, Beta, Count, Level, Trend, ErrorCount, _sumAbsoluteError, _sumSquaredError);

    /// <summary>Rebuilds a forecaster from <see cref="ExportState"/>'s output.</summary>
    public static HoltForecaster FromState(HoltForecasterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new HoltForecaster(state.Alpha, state.Beta)
        {
            Count = state.Count,
            Level = state.Level,
            Trend = state.Trend,
            ErrorCount = state.ErrorCount,
            _sumAbsoluteError = state.SumAbsoluteError,
            _sumSquaredError = state.SumSquaredError,
        };
    }
}
