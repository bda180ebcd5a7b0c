using StreamOrleans.Grains.Trends.Detection;

namespace StreamOrleans.Tests.Grains.Trends.Detection;

public sealed class EventClockTests
{
    private static readonly DateTimeOffset Wall = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Before_any_event_there_is_no_event_time()
    {
        var clock = new EventClock();

        Assert.Null(clock.Now(Wall));
        Assert.False(clock.IsLive);
    }

    [Fact]
    public void A_historic_log_stands_at_its_newest_event_whatever_the_wall_clock_says()
    {
        var clock = new EventClock(TimeSpan.FromMinutes(5));
        var old = new DateTimeOffset(2019, 5, 1, 10, 0, 0, TimeSpan.Zero);

        clock.Observe(old, Wall);
        clock.Observe(old.AddMinutes(30), Wall.AddSeconds(1));
        clock.Observe(old.AddMinutes(10), Wall.AddSeconds(2));   // late events never move time back

        Assert.False(clock.IsLive);
        Assert.Equal(old.AddMinutes(30), clock.Now(Wall.AddHours(5)));
    }

    [Fact]
    public void A_live_stream_runs_on_with_the_wall_clock_during_silence()
    {
        var clock = new EventClock(TimeSpan.FromMinutes(5));

        clock.Observe(Wall.AddSeconds(-2), Wall);

        Assert.True(clock.IsLive);
        Assert.Equal(Wall.AddSeconds(-2), clock.Now(Wall));
        Assert.Equal(Wall.AddMinutes(10).AddSeconds(-2), clock.Now(Wall.AddMinutes(10)));
    }

    [Fact]
    public void Events_stamped_ahead_of_the_wall_clock_hold_time_until_the_wall_clock_passes_them()
    {
        var clock = new EventClock(TimeSpan.FromMinutes(5));

        clock.Observe(Wall.AddMinutes(100), Wall);

        Assert.Equal(Wall.AddMinutes(100), clock.Now(Wall.AddMinutes(50)));
        Assert.Equal(Wall.AddMinutes(101), clock.Now(Wall.AddMinutes(101)));
    }

    [Fact]
    public void The_state_round_trips()
    {
        var clock = new EventClock();
        clock.Observe(Wall.AddSeconds(-1), Wall);

        var copy = EventClock.FromState(clock.ExportState());

        Assert.Equal((clock.Newest, clock.ObservedAt, clock.IsLive), (copy.Newest, copy.ObservedAt, copy.IsLive));
        Assert.Null(EventClock.FromState(null).Newest);
    }
}
