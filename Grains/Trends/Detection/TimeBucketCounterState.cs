namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="TimeBucketCounter"/>.</summary>
/// <param name="Minute">The 1-minute ring.</param>
/// <param name="FiveMinutes">The 5-minute ring.</param>
/// <param name="Hour">The 1-hour ring.</param>
/// <param name="Total">Events ever added.</param>
public sealed record TimeBucketCounterState(TimeBucketRingState Minute, TimeBucketRingState FiveMinutes, TimeBucketRingState Hour, long Total);
