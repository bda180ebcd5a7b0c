namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>Persistable state of <see cref="TimeBucketRing"/>.</summary>
/// <param name="WidthTicks">Bucket width in ticks.</param>
/// <param name="BucketIds">Per slot: the bucket number held (UTC ticks / width), or -1 if empty.</param>
/// <param name="Counts">Per slot: the count of that bucket.</param>
/// <param name="NewestBucketId">Highest bucket number seen, or -1.</param>
/// <param name="DroppedLate">Events ignored because their bucket had already left the ring.</param>
public sealed record TimeBucketRingState(long WidthTicks, long[] BucketIds, long[] Counts, long NewestBucketId, long DroppedLate);
