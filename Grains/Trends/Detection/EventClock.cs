namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// "Now" for models that run on event time: the newest event time seen, so windows, decay and forecasts work the same
/// on a live stream, a replay, a rewind or an import of events dated years ago. While the stream is live (the newest
/// event was at most <see cref="LiveLag"/> old when it arrived) the clock keeps running with the wall clock from that
/// event on, so a burst ends and a rate decays during silence; on historic data it stands at the newest event.
/// </summary>
/// <remarks>
/// This is the idle-source rule of event-time stream processors (a watermark advances by processing time only while
/// the source is known to be live), reduced to one grain's view: no clock reading ever moves a historic log's time.
/// </remarks>
public sealed class EventClock
{
    /// <summary>Default <see cref="LiveLag"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultLiveLag = TimeSpan.FromMinutes(5);

    /// <summary>A clock that has seen no event.</summary>
    public EventClock(TimeSpan? liveLag = null)
    {
        LiveLag = liveLag ?? DefaultLiveLag;
        ArgumentOutOfRangeException.ThrowIfLessThan(LiveLag, TimeSpan.Zero, nameof(liveLag));
    }

    /// <summary>An event that is at most this old when it arrives makes the stream live.</summary>
    public TimeSpan LiveLag { get; }

    /// <summary>The newest event time seen, or null.</summary>
    public DateTimeOffset? Newest { get; private set; }

    /// <summary>Wall-clock time at which <see cref="Newest"/> arrived.</summary>
    public DateTimeOffset ObservedAt { get; private set; }

    /// <summary>Whether the newest event was live when it arrived.</summary>
    public bool IsLive => Newest is { } newest && ObservedAt - newest <= LiveLag;

    /// <summary>Notes an event at <paramref name="eventTime"/> arriving at wall-clock time <paramref name="arrivedAt"/>.</summary>
    public void Observe(DateTimeOffset eventTime, DateTimeOffset arrivedAt)
    {
        if (Newest is null || eventTime > Newest)
        {
            Newest = eventTime;
            ObservedAt = arrivedAt;
        }
    }

    /// <summary>
    /// Event-time "now" at wall-clock time <paramref name="wallNow"/>: the newest event time, plus, when the stream is
    /// live, the wall time elapsed since it arrived (or since its own time, when it was stamped ahead of the wall clock);
    /// null before the first event.
    /// </summary>
    public DateTimeOffset? Now(DateTimeOffset wallNow)
    {
        if (Newest is not { } newest)
        {
            return null;
        }

        // Events stamped ahead of the wall clock (skew, generated data) hold time until the wall clock passes them.
        var idle = wallNow - (ObservedAt > newest ? ObservedAt : newest);
        return IsLive && idle > TimeSpan.Zero ? newest + idle : newest;
    }

    /// <summary>A copy for persistence.</summary>
    public EventClockState ExportState() => new(Newest, ObservedAt);

    /// <summary>Rebuilds a clock from <see cref="ExportState"/>'s output (null: no event seen).</summary>
    public static EventClock FromState(EventClockState? state, TimeSpan? liveLag = null)
    {
        var clock = new EventClock(liveLag);
        if (state?.Newest is { } newest)
        {
            clock.Newest = newest;
            clock.ObservedAt = state.ObservedAt;
        }

        return clock;
    }
}
