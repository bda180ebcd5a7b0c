using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class HoltForecasterTests
{
    [Theory]
    [InlineData(0.5, 0.3)]
    [InlineData(0.1, 0.9)]
    public void Linear_series_is_forecast_exactly(double alpha, double beta)
    {
        var holt = new HoltForecaster(alpha, beta);
        for (var t = 0; t < 50; t++)
        {
            var error = holt.Observe(3 + (2.5 * t));
            if (t >= 2)
            {
                Assert.Equal(0, error!.Value, 9);
            }
        }

        Assert.Equal(3 + (2.5 * 50), holt.Forecast(), 9);
        Assert.Equal(3 + (2.5 * 54), holt.Forecast(5), 9);
        Assert.Equal(0, holt.MeanAbsoluteError, 9);
        Assert.Equal(48, holt.ErrorCount);
    }

    [Fact]
    public void Small_series_matches_hand_computation()
    {
        // alpha = beta = 0.5, series 10, 12, 15, 13:
        // 10 -> l 10, b 0; 12 -> b 2, l 12;
        // 15 -> forecast 14, error 1;     l = .5*15 + .5*14 = 14.5;   b = .5*(14.5-12) + .5*2 = 2.25
        // 13 -> forecast 16.75, error -3.75; l = .5*13 + .5*16.75 = 14.875; b = .5*(0.375) + .5*2.25 = 1.3125
        // next forecast 16.1875; MAE (1 + 3.75)/2 = 2.375; RMSE sqrt((1 + 14.0625)/2).
        var holt = new HoltForecaster(0.5, 0.5);
        Assert.Null(holt.Observe(10));
        Assert.Null(holt.Observe(12));
        Assert.Equal(1, holt.Observe(15)!.Value, 12);
        Assert.Equal(-3.75, holt.Observe(13)!.Value, 12);
        Assert.Equal(14.875, holt.Level, 12);
        Assert.Equal(1.3125, holt.Trend, 12);
        Assert.Equal(16.1875, holt.Forecast(), 12);
        Assert.Equal(2.375, holt.MeanAbsoluteError, 12);
        Assert.Equal(Math.Sqrt(15.0625 / 2), holt.RootMeanSquaredError, 12);
    }

    [Fact]
    public void State_round_trips()
    {
        var holt = new HoltForecaster(0.4, 0.2);
        foreach (var y in new double[] { 5, 9, 4, 11, 8 })
        {
            holt.Observe(y);
        }

        var restored = HoltForecaster.FromState(holt.ExportState());
        Assert.Equal(holt.Observe(10), restored.Observe(10));
        Assert.Equal(holt.RootMeanSquaredError, restored.RootMeanSquaredError);
    }

    [Fact]
    public void Guards_reject_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoltForecaster(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoltForecaster(0.5, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoltForecaster().Observe(double.NaN));
        Assert.True(double.IsNaN(new HoltForecaster().Forecast()));
    }
}
