namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="DecayedRate"/>.</summary>
/// <param name="HalfLifeTicks">Half-life in ticks.</param>
/// <param name="Value">Decayed event count at <paramref name="LastUtcTicks"/>.</param>
/// <param name="LastUtcTicks">Time of the newest event (UTC ticks), or 0 before the first.</param>
public sealed record DecayedRateState(long HalfLifeTicks, double Value, long LastUtcTicks);
