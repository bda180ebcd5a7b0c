using StreamOrleans.Runtime.Streams;

namespace StreamOrleans.Tests.Streams;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_come_from_the_recorded_distribution()
    {
        var histogram = new LatencyHistogram();
        Assert.Null(histogram.PercentileMs(99));
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms - 0.05));
        }

        Assert.Equal(100, histogram.Count);
        Assert.Equal(50, histogram.PercentileMs(50)!.Value, precision: 6);
        Assert.Equal(99, histogram.PercentileMs(99)!.Value, precision: 6);
        Assert.Equal(100, histogram.PercentileMs(100)!.Value, precision: 6);

        histogram.Record(TimeSpan.FromHours(1));
        Assert.Equal(10_000, histogram.PercentileMs(100)!.Value, precision: 6);
        histogram.Reset();
        Assert.Equal(0, histogram.Count);
    }
}
