namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Event counts at three resolutions: 1-minute buckets (default: last 3 hours), 5-minute buckets (last 24 hours) and
/// 1-hour buckets (last 7 days), each a <see cref="TimeBucketRing"/>. Timestamps are passed in (event time).
/// </summary>
public sealed class TimeBucketCounter
{
    /// <summary>Default number of 1-minute buckets kept (3 hours).</summary>
    public const int DefaultMinuteBuckets = 180;

    /// <summary>Default number of 5-minute buckets kept (24 hours).</summary>
    public const int DefaultFiveMinuteBuckets = 288;

    /// <summary>Default number of 1-hour buckets kept (7 days).</summary>
    public const int DefaultHourBuckets = 168;

    /// <summary>Creates empty counters.</summary>
    public TimeBucketCounter(
        int minuteBuckets = DefaultMinuteBuckets,
        int fiveMinuteBuckets = DefaultFiveMinuteBuckets,
        int hourBuckets = DefaultHourBuckets)
        : this(
            new TimeBucketRing(TimeSpan.FromMinutes(1), minuteBuckets),
            new TimeBucketRing(TimeSpan.FromMinutes(5), fiveMinuteBuckets),
            new TimeBucketRing(TimeSpan.FromHours(1), hourBuckets),
            0)
    {
    }

    private TimeBucketCounter(TimeBucketRing minute, TimeBucketRing fiveMinutes, TimeBucketRing hour, long total)
    {
        Minute = minute;
        FiveMinutes = fiveMinutes;
        Hour = hour;
        Total = total;
    }

    /// <summary>1-minute buckets.</summary>
    public TimeBucketRing Minute { get; }

    /// <summary>5-minute buckets.</summary>
    public TimeBucketRing FiveMinutes { get; }

    /// <summary>1-hour buckets.</summary>
    public TimeBucketRing Hour { get; }

    /// <summary>Events ever added (including ones too old for some rings).</summary>
    public long Total { get; private set; }

    /// <summary>Adds <paramref name="count"/> events at <paramref name="timestamp"/> to every resolution.</summary>
    public void Add(DateTimeOffset timestamp, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Minute.Add(timestamp, count);
        FiveMinutes.Add(timestamp, count);
        Hour.Add(timestamp, count);
        Total += count;
    }

    /// <summary>The ring whose bucket width is <paramref name="width"/> (1 min, 5 min or 1 h).</summary>
    public TimeBucketRing Resolution(TimeSpan width) =>
        width == Minute.Width ? Minute
        : width == FiveMinutes.Width ? FiveMinutes
        : width == Hour.Width ? Hour
        : throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be 1 minute, 5 minutes or 1 hour.");

    /// <summary>A copy of the state, for persistence.</summary>
    public TimeBucketCounterState ExportState() =>
        new(Minute.ExportState(), FiveMinutes.ExportState(), Hour.ExportState(), Total);

    /// <summary>Rebuilds counters from <see cref="ExportState"/>'s output.</summary>
    public static TimeBucketCounter FromState(TimeBucketCounterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new TimeBucketCounter(
            TimeBucketRing.FromState(state.Minute),
            TimeBucketRing.FromState(state.FiveMinutes),
            TimeBucketRing.FromState(state.Hour),
            state.Total);
    }
}
