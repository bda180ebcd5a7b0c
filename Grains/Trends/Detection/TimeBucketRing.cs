namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Event counts in fixed-width, epoch-aligned time buckets, kept in a ring buffer holding the most recent
/// <see cref="Capacity"/> buckets. Timestamps come from the events (event time), never from a clock. Events may arrive
/// out of order; an event whose bucket is older than the ring's span is dropped and counted in <see cref="DroppedLate"/>.
/// </summary>
public sealed class TimeBucketRing
{
    private readonly long _widthTicks;
    private readonly long[] _bucketIds;
    private readonly long[] _counts;
    private long _newest = -1;

    /// <summary>Creates an empty ring.</summary>
    /// <param name="width">Bucket width (at least one second, and a whole number of seconds so buckets align to the clock).</param>
    /// <param name="capacity">Number of buckets kept (at least 1).</param>
    public TimeBucketRing(TimeSpan width, int capacity)
    {
        if (width < TimeSpan.FromSeconds(1) || width.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Bucket width must be a whole number of seconds, at least 1 s.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _widthTicks = width.Ticks;
        _bucketIds = new long[capacity];
        _counts = new long[capacity];
        Array.Fill(_bucketIds, -1);
    }

    /// <summary>Bucket width.</summary>
    public TimeSpan Width => TimeSpan.FromTicks(_widthTicks);

    /// <summary>Number of buckets kept.</summary>
    public int Capacity => _counts.Length;

    /// <summary>Events ignored because they were older than the ring's span.</summary>
    public long DroppedLate { get; private set; }

    /// <summary>Start of the newest bucket that received an event, or null if none did.</summary>
    public DateTimeOffset? NewestBucketStart => _newest < 0 ? null : new DateTimeOffset(_newest * _widthTicks, TimeSpan.Zero);

    /// <summary>Start (UTC) of the bucket holding <paramref name="timestamp"/>.</summary>
    public DateTimeOffset BucketStart(DateTimeOffset timestamp) =>
        new(BucketId(timestamp) * _widthTicks, TimeSpan.Zero);

    /// <summary>Adds <paramref name="count"/> events at <paramref name="timestamp"/>; false if too old to keep.</summary>
    public bool Add(DateTimeOffset timestamp, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var id = BucketId(timestamp);
        if (_newest >= 0 && id <= _newest - Capacity)
        {
            DroppedLate += count;
            return false;
        }

        var slot = (int)(id % Capacity);
        if (_bucketIds[slot] != id)
        {
            _bucketIds[slot] = id;
            _counts[slot] = 0;
        }

        _counts[slot] += count;
        _newest = Math.Max(_newest, id);
        return true;
    }

    /// <summary>Count of the bucket holding <paramref name="timestamp"/> (0 if empty or no longer kept).</summary>
    public long CountAt(DateTimeOffset timestamp) => CountOf(BucketId(timestamp));

    /// <summary>Sum of the buckets whose starts lie in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long Sum(DateTimeOffset from, DateTimeOffset to)
    {
        long sum = 0;
        foreach (var id in BucketRange(from, to))
        {
            sum += CountOf(id);
        }

        return sum;
    }

    /// <summary>
    /// Every bucket whose start lies in [<paramref name="from"/>, <paramref name="to"/>), oldest first, zeros included;
    /// at most the last <see cref="Capacity"/> buckets of that range.
    /// </summary>
    public IReadOnlyList<TimeBucket> Timeline(DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<TimeBucket>();
        foreach (var id in BucketRange(from, to))
        {
            result.Add(new TimeBucket(new DateTimeOffset(id * _widthTicks, TimeSpan.Zero), CountOf(id)));
        }

        return result;
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public TimeBucketRingState ExportState() =>
        new(_widthTicks, (long[])_bucketIds.Clone(), (long[])_counts.Clone(), _newest, DroppedLate);

    /// <summary>Rebuilds a ring from <see cref="ExportState"/>'s output.</summary>
    public static TimeBucketRing FromState(TimeBucketRingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.BucketIds is null || state.Counts is null || state.BucketIds.Length != state.Counts.Length)
        {
            throw new ArgumentException("BucketIds and Counts must have the same length.", nameof(state));
        }

        var ring = new TimeBucketRing(TimeSpan.FromTicks(state.WidthTicks), state.Counts.Length);
        state.BucketIds.CopyTo(ring._bucketIds, 0);
        state.Counts.CopyTo(ring._counts, 0);
        ring._newest = state.NewestBucketId;
        ring.DroppedLate = state.DroppedLate;
        return ring;
    }

    private long BucketId(DateTimeOffset timestamp) => timestamp.UtcTicks / _widthTicks;

    private long CountOf(long id)
    {
        if (id < 0)
        {
            return 0;
        }

        var slot = (int)(id % Capacity);
        return _bucketIds[slot] == id ? _counts[slot] : 0;
    }

    private IEnumerable<long> BucketRange(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            yield break;
        }

        var first = (from.UtcTicks + _widthTicks - 1) / _widthTicks;
        var last = (to.UtcTicks - 1) / _widthTicks;
        // A ring never holds more than Capacity buckets; don't walk an unbounded range.
        first = Math.Max(first, last - Capacity + 1);

        for (var id = first; id <= last; id++)
        {
            yield return id;
        }
    }
}
