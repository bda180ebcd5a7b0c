namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Everything a topic tracks about its volume, driven by event time: time-bucket counts (1 min / 5 min / 1 h), a
/// decayed rate, a burst detector over fixed windows and a Holt forecast of the next window's volume.
/// A window is closed (scored by the detector and the forecaster) when an event of a later window arrives or when
/// <see cref="AdvanceTo"/> is called with a later time, e.g. from a grain timer, so bursts also end during silence.
/// Events older than the open window still count in the buckets and the rate, but no longer in the detector.
/// Not thread-safe: one owner (a grain) calls it.
/// </summary>
public sealed class TopicTrendTracker
{
    private readonly long _windowTicks;
    private readonly DecayedRate _rate;
    private readonly BurstDetector _detector;
    private readonly HoltForecaster _forecaster;
    private long _openWindowId = -1;
    private long _openCount;

    /// <summary>Creates a tracker for a topic with no history.</summary>
    public TopicTrendTracker(TopicTrendTrackerOptions? options = null)
        : this(
            options ?? new TopicTrendTrackerOptions(),
            new TimeBucketCounter(),
            null,
            null,
            null)
    {
    }

    private TopicTrendTracker(
        TopicTrendTrackerOptions options,
        TimeBucketCounter buckets,
        DecayedRate? rate,
        BurstDetector? detector,
        HoltForecaster? forecaster)
    {
        options.Validate();
        Options = options;
        _windowTicks = options.Window.Ticks;
        Buckets = buckets;
        _rate = rate ?? new DecayedRate(options.RateHalfLife);
        _detector = detector ?? new BurstDetector(options.Burst);
        _forecaster = forecaster ?? new HoltForecaster(options.ForecastAlpha, options.ForecastBeta);
    }

    /// <summary>Settings.</summary>
    public TopicTrendTrackerOptions Options { get; }

    /// <summary>Counts at 1-minute, 5-minute and 1-hour resolution.</summary>
    public TimeBucketCounter Buckets { get; }

    /// <summary>Whether the topic is in a burst.</summary>
    public bool IsBursting => _detector.IsBursting;

    /// <summary>When the running burst was detected, or null.</summary>
    public DateTimeOffset? BurstStartedAt => _detector.BurstStartedAt;

    /// <summary>z-score of the last closed window.</summary>
    public double LastZScore => _detector.LastZScore;

    /// <summary>Baseline mean events per window.</summary>
    public double BaselineMean => _detector.BaselineMean;

    /// <summary>Forecast of the next window's volume (NaN before any closed window).</summary>
    public double ForecastNextWindow => _forecaster.Forecast();

    /// <summary>Mean absolute error of past next-window forecasts.</summary>
    public double ForecastMeanAbsoluteError => _forecaster.MeanAbsoluteError;

    /// <summary>Root mean squared error of past next-window forecasts.</summary>
    public double ForecastRootMeanSquaredError => _forecaster.RootMeanSquaredError;

    /// <summary>Start of the window still open, or null before the first event.</summary>
    public DateTimeOffset? OpenWindowStart => _openWindowId < 0 ? null : new DateTimeOffset(_openWindowId * _windowTicks, TimeSpan.Zero);

    /// <summary>Events so far in the open window.</summary>
    public long OpenWindowCount => _openCount;

    /// <summary>Events that arrived after their window had closed (counted in buckets and rate only).</summary>
    public long LateEvents { get; private set; }

    /// <summary>Decayed events per minute at <paramref name="now"/>.</summary>
    public double RatePerMinute(DateTimeOffset now) => _rate.RatePerSecond(now) * 60;

    /// <summary>
    /// A smooth "how unusual is the current volume" score for ranking topics: the z-score of the decayed rate
    /// (expressed per window) against the burst detector's baseline. Positive means above normal.
    /// </summary>
    public double TrendScore(DateTimeOffset now) =>
        _detector.ZScore(_rate.RatePerSecond(now) * _windowTicks / TimeSpan.TicksPerSecond);

    /// <summary>
    /// Records one event at <paramref name="timestamp"/>; closes any windows that ended before it and appends the burst
    /// events they decided to <paramref name="events"/>. Returns how many events were decided.
    /// </summary>
    public int Record(DateTimeOffset timestamp, ICollection<BurstEvent>? events = null)
    {
        Buckets.Add(timestamp);
        _rate.Add(timestamp);
        var id = timestamp.UtcTicks / _windowTicks;
        if (_openWindowId < 0)
        {
            _openWindowId = id;
            _openCount = 1;
            return 0;
        }

        if (id == _openWindowId)
        {
            _openCount++;
            return 0;
        }

        if (id < _openWindowId)
        {
            LateEvents++;
            return 0;
        }

        var decided = CloseBefore(id, events);
        _openCount = 1;
        return decided;
    }

    /// <summary>
    /// Closes every window that ended at or before <paramref name="now"/> (for timers: lets a burst stop while no events
    /// arrive). Returns how many burst events were decided and appends them to <paramref name="events"/>.
    /// </summary>
    public int AdvanceTo(DateTimeOffset now, ICollection<BurstEvent>? events = null)
    {
        var id = now.UtcTicks / _windowTicks;
        if (_openWindowId < 0 || id <= _openWindowId)
        {
            return 0;
        }

        var decided = CloseBefore(id, events);
        _openCount = 0;
        return decided;
    }

    /// <summary>A copy of the state, for persistence.</summary>
    public TopicTrendTrackerState ExportState() => new(
        Options,
        Buckets.ExportState(),
        _rate.ExportState(),
        _detector.ExportState(),
        _forecaster.ExportState(),
        _openWindowId,
        _openCount,
        LateEvents);

    /// <summary>Rebuilds a tracker from <see cref="ExportState"/>'s output.</summary>
    public static TopicTrendTracker FromState(TopicTrendTrackerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Options, nameof(state.Options));
        return new TopicTrendTracker(
            state.Options,
            TimeBucketCounter.FromState(state.Buckets),
            DecayedRate.FromState(state.Rate),
            BurstDetector.FromState(state.Detector),
            HoltForecaster.FromState(state.Forecaster))
        {
            _openWindowId = state.OpenWindowId,
            _openCount = state.OpenWindowCount,
            LateEvents = state.LateEvents,
        };
    }

    // Closes the open window and the empty windows after it, up to (not including) window `next`, which becomes open.
    private int CloseBefore(long next, ICollection<BurstEvent>? events)
    {
        var decided = Close(_openWindowId, _openCount, events);
        var lastEmpty = next - 1;
        var firstEmpty = Math.Max(_openWindowId + 1, lastEmpty - Options.MaxGapWindows + 1);
        for (var w = firstEmpty; w <= lastEmpty; w++)
        {
            decided += Close(w, 0, events);
        }

        _openWindowId = next;
        return decided;
    }

    private int Close(long windowId, long count, ICollection<BurstEvent>? events)
    {
        _forecaster.Observe(count);
        var decided = _detector.CloseWindow(new DateTimeOffset((windowId + 1) * _windowTicks, TimeSpan.Zero), count);
        if (decided is null)
        {
            return 0;
        }

        events?.Add(decided);
        return 1;
    }
}
