using System.Text.Json;
using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public class TopicTrendTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    // 6 posts per minute for an hour, then 40 per minute for 5 minutes, then silence.
    private static IEnumerable<DateTimeOffset> Posts()
    {
        for (var m = 0; m < 65; m++)
        {
            var perMinute = m < 60 ? 6 : 40;
            for (var i = 0; i < perMinute; i++)
            {
                yield return T0.AddMinutes(m).AddSeconds(60.0 * i / perMinute);
            }
        }
    }

    [Fact]
    public void Detects_a_surge_and_stops_it_during_silence_via_AdvanceTo()
    {
        var tracker = new TopicTrendTracker();
        var events = new List<BurstEvent>();
        foreach (var t in Posts())
        {
            tracker.Record(t, events);
        }

        // Cold start: a topic with no history has a zero baseline, so its first minutes at 6/min are a burst (start when
        // minute 1 closes, at 10:02); the baseline then learns the new level and the burst stops within the hour.
        Assert.Equal(3, events.Count);
        Assert.Equal((BurstEventKind.Start, T0.AddMinutes(2)), (events[0].Kind, events[0].At));
        Assert.Equal(BurstEventKind.Stop, events[1].Kind);
        Assert.True(events[1].At < T0.AddMinutes(40), $"cold-start burst lasted until {events[1].At}");

        // Minutes 60 and 61 are the two windows above ZStart; the surge's start is decided when minute 61 closes, at 11:02.
        var start = events[2];
        Assert.Equal(BurstEventKind.Start, start.Kind);
        Assert.Equal(T0.AddMinutes(62), start.At);
        Assert.True(tracker.IsBursting);
        Assert.Equal(6 * 60 + (40 * 5), tracker.Buckets.Total);
        Assert.Equal(40, tracker.Buckets.Minute.CountAt(T0.AddMinutes(64)));

        // A timer tick after the silence closes the open minute (40) and the empty ones: the burst stops at the first empty one.
        events.Clear();
        tracker.AdvanceTo(T0.AddMinutes(70), events);
        var stop = Assert.Single(events);
        Assert.Equal(BurstEventKind.Stop, stop.Kind);
        Assert.Equal(T0.AddMinutes(66), stop.At);
        Assert.False(tracker.IsBursting);
        Assert.True(tracker.RatePerMinute(T0.AddMinutes(65)) > 6);
    }

    [Fact]
    public void Forecast_tracks_a_steady_volume()
    {
        var tracker = new TopicTrendTracker();
        foreach (var t in Posts().Take(6 * 60))
        {
            tracker.Record(t);
        }

        tracker.AdvanceTo(T0.AddMinutes(60));
        Assert.Equal(6, tracker.ForecastNextWindow, 9);
        Assert.Equal(0, tracker.ForecastMeanAbsoluteError, 9);
        Assert.True(Math.Abs(tracker.TrendScore(T0.AddMinutes(60))) < 1);
    }

    [Fact]
    public void Late_events_count_in_buckets_but_not_in_the_closed_window()
    {
        var tracker = new TopicTrendTracker();
        tracker.Record(T0.AddMinutes(5));
        tracker.Record(T0.AddMinutes(2));
        Assert.Equal(1, tracker.LateEvents);
        Assert.Equal(1, tracker.Buckets.Minute.CountAt(T0.AddMinutes(2)));
        Assert.Equal(1, tracker.OpenWindowCount);
    }

    [Fact]
    public void Restoring_a_checkpoint_and_replaying_the_rest_gives_the_same_result_as_no_crash()
    {
        var posts = Posts().ToList();
        var uninterrupted = new TopicTrendTracker();
        var expected = new List<BurstEvent>();
        foreach (var t in posts)
        {
            uninterrupted.Record(t, expected);
        }

        var first = new TopicTrendTracker();
        var actual = new List<BurstEvent>();
        foreach (var t in posts.Take(300))
        {
            first.Record(t, actual);
        }

        var json = JsonSerializer.Serialize(first.ExportState());
        var second = TopicTrendTracker.FromState(JsonSerializer.Deserialize<TopicTrendTrackerState>(json)!);
        foreach (var t in posts.Skip(300))
        {
            second.Record(t, actual);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(JsonSerializer.Serialize(uninterrupted.ExportState()), JsonSerializer.Serialize(second.ExportState()));
    }

    [Fact]
    public void A_long_silence_replays_at_most_MaxGapWindows_empty_windows()
    {
        var tracker = new TopicTrendTracker(new TopicTrendTrackerOptions { MaxGapWindows = 100 });
        tracker.Record(T0);
        tracker.Record(T0.AddDays(30));
        var state = tracker.ExportState();
        Assert.Equal(101, state.Forecaster.Count);
        Assert.Equal(T0.AddDays(30), tracker.OpenWindowStart);
        Assert.Equal(1, tracker.OpenWindowCount);
    }
}
