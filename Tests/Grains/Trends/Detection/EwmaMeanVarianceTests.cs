using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class EwmaMeanVarianceTests
{
    [Fact]
    public void Matches_hand_computation_on_a_small_series()
    {
        // alpha 0.5, series 2, 4, 4, 8 (Finch 2009: d = x - m; m += a d; v = (1 - a)(v + a d^2)):
        // 2 -> m 2, v 0; 4 -> d 2, m 3, v 0.5(0 + 2) = 1; 4 -> d 1, m 3.5, v 0.5(1 + 0.5) = 0.75;
        // 8 -> d 4.5, m 5.75, v 0.5(0.75 + 10.125) = 5.4375.
        var e = new EwmaMeanVariance(0.5);
        double[] means = [2, 3, 3.5, 5.75];
        double[] variances = [0, 1, 0.75, 5.4375];
        double[] series = [2, 4, 4, 8];
        for (var i = 0; i < series.Length; i++)
        {
            e.Update(series[i]);
            Assert.Equal(means[i], e.Mean, 12);
            Assert.Equal(variances[i], e.Variance, 12);
        }
    }

    [Fact]
    public void Converges_to_the_mean_and_variance_of_a_stationary_series()
    {
        var e = new EwmaMeanVariance(0.01);
        for (var i = 0; i < 5000; i++)
        {
            e.Update(i % 2 == 0 ? 8 : 12);
        }

        // Alternating 8, 12: mean 10, variance 4 (EWMA weights make it (1 - a) * 4 at most slightly off).
        Assert.Equal(10, e.Mean, 0.1);
        Assert.Equal(4, e.Variance, 0.1);
    }

    [Fact]
    public void Weight_zero_leaves_the_estimate_unchanged()
    {
        var e = new EwmaMeanVariance(0.3);
        e.Update(5);
        e.Update(7);
        var (m, v) = (e.Mean, e.Variance);
        e.Update(100, 0);
        Assert.Equal(m, e.Mean);
        Assert.Equal(v, e.Variance);
    }
}
