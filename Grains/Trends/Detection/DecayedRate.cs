namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>
/// Exponentially decayed event count and rate: each event's weight halves every <see cref="HalfLife"/>. With events
/// at a steady rate r per second the decayed count tends to r * h / ln 2 (h = half-life in seconds), so the rate
/// estimate is count * ln 2 / h. O(1) memory; out-of-order events are decayed to the newest time seen.
/// </summary>
public sealed class DecayedRate
{
    private readonly long _halfLifeTicks;
    private readonly double _decayPerTick;
    private double _value;
    private long _lastTicks;

    /// <summary>Creates an empty rate.</summary>
    /// <param name="halfLife">Half-life (positive).</param>
    public DecayedRate(TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        _halfLifeTicks = halfLife.Ticks;
        _decayPerTick = Math.Log(2) / halfLife.Ticks;
    }

    /// <summary>Half-life of an event's weight.</summary>
    public TimeSpan HalfLife => TimeSpan.FromTicks(_halfLifeTicks);

    /// <summary>Adds an event (or <paramref name="weight"/> events) at <paramref name="timestamp"/>.</summary>
    public void Add(DateTimeOffset timestamp, double weight = 1)
    {
        if (!(weight >= 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "Weight must be a non-negative finite number.");
        }

        var t = timestamp.UtcTicks;
        if (t >= _lastTicks)
        {
            _value = (_value * Math.Exp(-_decayPerTick * (t - _lastTicks))) + weight;
            _lastTicks = t;
        }
        else
        {
            _value += weight * Math.Exp(-_decayPerTick * (_lastTicks - t));
        }
    }

    /// <summary>Decayed event count at <paramref name="now"/> (not decayed if <paramref name="now"/> is before the newest event).</summary>
    public double CountAt(DateTimeOffset now)
    {
        var dt = now.UtcTicks - _lastTicks;
        return dt <= 0 ? _value : _value * Math.Exp(-_decayPerTick * dt);
    }

    /// <summary>Estimated events per second at <paramref name="now"/>.</summary>
    public double RatePerSecond(DateTimeOffset now) => CountAt(now) * _decayPerTick * TimeSpan.TicksPerSecond;

    /// <summary>A copy of the state, for persistence.</summary>
    public DecayedRateState ExportState() => new(_halfLifeTicks, _value, _lastTicks);

    /// <summary>Rebuilds a rate from <see cref="ExportState"/>'s output.</summary>
    public static DecayedRate FromState(DecayedRateState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new DecayedRate(TimeSpan.FromTicks(state.HalfLifeTicks)) { _value = state.Value, _lastTicks = state.LastUtcTicks };
    }
}
