namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>The count of one time bucket.</summary>
/// <param name="Start">Inclusive start of the bucket (UTC).</param>
/// <param name="Count">Events counted in the bucket.</param>
public readonly record struct TimeBucket(DateTimeOffset Start, long Count);
