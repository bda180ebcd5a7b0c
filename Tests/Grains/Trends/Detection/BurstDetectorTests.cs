using System.Text.Json;
using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class BurstDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static readonly BurstDetectorOptions HandOptions = new()
    {
        BaselineAlpha = 0.5, ZStart = 3, ZStop = 1, StartWindows = 2, MinCount = 5, MinVariance = 1, BurstAdaptation = 0,
    };

    [Fact]
    public void Handmade_series_starts_and_stops_where_hand_computation_says()
    {
        // Baseline starts at mean 0, variance 0; sd = sqrt(max(var, mean, 1)); alpha 0.5:
        // w1 x=4:  z = 4/1 = 4 but 4 < MinCount -> not counted; baseline m 2, v 0.5(0 + 0.5*16) = 4
        // w2 x=4:  z = (4-2)/sqrt(4) = 1;            baseline m 3, v 0.5(4 + 0.5*4) = 3
        // w3 x=4:  z = (4-3)/sqrt(3);                baseline m 3.5, v 0.5(3 + 0.5*1) = 1.75
        // w4 x=20: z = 16.5/sqrt(3.5) = 8.82, first window above; baseline frozen (BurstAdaptation 0)
        // w5 x=20: z = 8.82 again -> START at end of w5
        // w6 x=12: z = 8.5/sqrt(3.5) = 4.54 > ZStop -> continues
        // w7 x=5:  z = 1.5/sqrt(3.5) = 0.80 <= ZStop -> STOP at end of w7
        var d = new BurstDetector(HandOptions);
        double[] counts = [4, 4, 4, 20, 20, 12, 5];
        double[] z = [4, 1, 1 / Math.Sqrt(3), 16.5 / Math.Sqrt(3.5), 16.5 / Math.Sqrt(3.5), 8.5 / Math.Sqrt(3.5), 1.5 / Math.Sqrt(3.5)];
        var events = new List<(int Window, BurstEvent Event)>();
        for (var w = 0; w < counts.Length; w++)
        {
            var e = d.CloseWindow(T0.AddMinutes(w + 1), counts[w]);
            Assert.Equal(z[w], d.LastZScore, 9);
            if (e is not null)
            {
                events.Add((w + 1, e));
            }
        }

        Assert.Equal(2, events.Count);
        Assert.Equal((5, BurstEventKind.Start), (events[0].Window, events[0].Event.Kind));
        Assert.Equal(T0.AddMinutes(5), events[0].Event.At);
        Assert.Equal(3.5, events[0].Event.BaselineMean, 12);
        Assert.Equal((7, BurstEventKind.Stop), (events[1].Window, events[1].Event.Kind));
        Assert.False(d.IsBursting);
    }

    [Fact]
    public void A_single_spike_does_not_start_a_burst_when_two_windows_are_required()
    {
        var d = new BurstDetector(HandOptions);
        foreach (var c in new double[] { 4, 4, 4, 20, 4, 20, 4 })
        {
            Assert.Null(d.CloseWindow(T0, c));
        }

        Assert.False(d.IsBursting);
    }

    [Fact]
    public void Hysteresis_keeps_a_burst_running_between_zstop_and_zstart()
    {
        var d = new BurstDetector(HandOptions);
        foreach (var c in new double[] { 4, 4, 4, 20, 20 })
        {
            d.CloseWindow(T0, c);
        }

        Assert.True(d.IsBursting);
        // z = (8 - 3.5)/sqrt(3.5) = 2.41: below ZStart but above ZStop.
        Assert.Null(d.CloseWindow(T0, 8));
        Assert.True(d.IsBursting);
    }

    [Fact]
    public void State_round_trips_through_json_mid_burst()
    {
        var d = new BurstDetector(HandOptions);
        foreach (var c in new double[] { 4, 4, 4, 20, 20 })
        {
            d.CloseWindow(T0, c);
        }

        var restored = BurstDetector.FromState(JsonSerializer.Deserialize<BurstDetectorState>(JsonSerializer.Serialize(d.ExportState()))!);
        Assert.True(restored.IsBursting);
        Assert.Equal(d.BurstStartedAt, restored.BurstStartedAt);
        Assert.Equal(d.CloseWindow(T0.AddMinutes(9), 5), restored.CloseWindow(T0.AddMinutes(9), 5));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BurstDetector(new BurstDetectorOptions { ZStop = 3, ZStart = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BurstDetector(new BurstDetectorOptions { BaselineAlpha = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BurstDetector(new BurstDetectorOptions { StartWindows = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BurstDetector().CloseWindow(T0, -1));
    }
}
