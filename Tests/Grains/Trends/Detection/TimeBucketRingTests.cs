using System.Text.Json;
using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class TimeBucketRingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_land_in_clock_aligned_buckets()
    {
        var ring = new TimeBucketRing(TimeSpan.FromMinutes(5), 12);
        ring.Add(T0.AddMinutes(1));
        ring.Add(T0.AddMinutes(4).AddSeconds(59));
        ring.Add(T0.AddMinutes(5), 3);
        Assert.Equal(2, ring.CountAt(T0));
        Assert.Equal(3, ring.CountAt(T0.AddMinutes(9)));
        Assert.Equal(T0, ring.BucketStart(T0.AddMinutes(4)));
        Assert.Equal(5, ring.Sum(T0, T0.AddMinutes(10)));
    }

    [Fact]
    public void Buckets_are_aligned_in_utc_whatever_the_offset()
    {
        var ring = new TimeBucketRing(TimeSpan.FromHours(1), 4);
        ring.Add(new DateTimeOffset(2026, 1, 5, 12, 30, 0, TimeSpan.FromHours(2)));
        Assert.Equal(1, ring.CountAt(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Timeline_lists_every_bucket_including_empty_ones()
    {
        var ring = new TimeBucketRing(TimeSpan.FromMinutes(1), 10);
        ring.Add(T0);
        ring.Add(T0.AddMinutes(2));
        ring.Add(T0.AddMinutes(2));
        var timeline = ring.Timeline(T0, T0.AddMinutes(4));
        Assert.Equal([1L, 0, 2, 0], timeline.Select(b => b.Count));
        Assert.Equal(T0.AddMinutes(3), timeline[3].Start);
    }

    [Fact]
    public void Out_of_order_events_count_but_too_old_ones_are_dropped()
    {
        var ring = new TimeBucketRing(TimeSpan.FromMinutes(1), 3);
        ring.Add(T0.AddMinutes(5));
        Assert.True(ring.Add(T0.AddMinutes(3)));
        Assert.False(ring.Add(T0.AddMinutes(2)));
        Assert.Equal(1, ring.DroppedLate);
        Assert.Equal(1, ring.CountAt(T0.AddMinutes(3)));

        // The slot of minute 3 is reused by minute 6: the old count must not leak into it.
        ring.Add(T0.AddMinutes(6));
        Assert.Equal(1, ring.CountAt(T0.AddMinutes(6)));
        Assert.Equal(0, ring.CountAt(T0.AddMinutes(3)));
    }

    [Fact]
    public void Counter_keeps_three_resolutions_and_round_trips_through_json()
    {
        var counter = new TimeBucketCounter();
        for (var m = 0; m < 130; m++)
        {
            counter.Add(T0.AddMinutes(m), m % 3);
        }

        Assert.Equal(Enumerable.Range(0, 60).Sum(m => m % 3), counter.Hour.CountAt(T0));
        Assert.Equal(0 + 1 + 2 + 0 + 1, counter.FiveMinutes.CountAt(T0));
        Assert.Equal(2, counter.Minute.CountAt(T0.AddMinutes(2)));
        Assert.Same(counter.FiveMinutes, counter.Resolution(TimeSpan.FromMinutes(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Resolution(TimeSpan.FromMinutes(2)));

        var restored = TimeBucketCounter.FromState(JsonSerializer.Deserialize<TimeBucketCounterState>(JsonSerializer.Serialize(counter.ExportState()))!);
        Assert.Equal(counter.Total, restored.Total);
        Assert.Equal(counter.Minute.Timeline(T0, T0.AddHours(3)), restored.Minute.Timeline(T0, T0.AddHours(3)));
        Assert.Equal(counter.Hour.Timeline(T0, T0.AddHours(3)), restored.Hour.Timeline(T0, T0.AddHours(3)));
    }

    [Fact]
    public void Guards_reject_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeBucketRing(TimeSpan.FromMilliseconds(1500), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeBucketRing(TimeSpan.FromMinutes(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeBucketRing(TimeSpan.FromMinutes(1), 3).Add(T0, -1));
    }
}
