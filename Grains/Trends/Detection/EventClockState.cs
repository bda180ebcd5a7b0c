namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persisted form of an <see cref="EventClock"/>.</summary>
/// <param name="Newest">The newest event time seen, or null.</param>
/// <param name="ObservedAt">Wall-clock time at which it arrived.</param>
public sealed record EventClockState(DateTimeOffset? Newest, DateTimeOffset ObservedAt);
