using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class DecayedRateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_event_weighs_half_after_one_half_life()
    {
        var rate = new DecayedRate(TimeSpan.FromMinutes(10));
        rate.Add(T0);
        Assert.Equal(1.0, rate.CountAt(T0), 12);
        Assert.Equal(0.5, rate.CountAt(T0.AddMinutes(10)), 12);
        Assert.Equal(0.25, rate.CountAt(T0.AddMinutes(20)), 12);
    }

    [Fact]
    public void Steady_stream_converges_to_its_rate()
    {
        var rate = new DecayedRate(TimeSpan.FromMinutes(1));
        var t = T0;
        for (var i = 0; i < 20_000; i++)
        {
            rate.Add(t);
            t = t.AddMilliseconds(250);
        }

        // 4 events per second; the discrete sum differs from the continuous limit by under 1%.
        Assert.Equal(4.0, rate.RatePerSecond(t), 0.05);
    }

    [Fact]
    public void Late_events_are_decayed_to_the_newest_time()
    {
        var inOrder = new DecayedRate(TimeSpan.FromMinutes(5));
        inOrder.Add(T0);
        inOrder.Add(T0.AddMinutes(5));
        var late = new DecayedRate(TimeSpan.FromMinutes(5));
        late.Add(T0.AddMinutes(5));
        late.Add(T0);
        Assert.Equal(inOrder.CountAt(T0.AddMinutes(7)), late.CountAt(T0.AddMinutes(7)), 12);
        Assert.Equal(1.5, late.CountAt(T0.AddMinutes(5)), 12);
    }

    [Fact]
    public void State_round_trips()
    {
        var rate = new DecayedRate(TimeSpan.FromMinutes(5));
        rate.Add(T0, 3);
        var restored = DecayedRate.FromState(rate.ExportState());
        Assert.Equal(rate.CountAt(T0.AddMinutes(3)), restored.CountAt(T0.AddMinutes(3)));
        Assert.Equal(rate.HalfLife, restored.HalfLife);
    }
}
