namespace StreamOrleans.Grains.Trends.Detection;

/// <summary>A topic in the global ranking.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="DecayedCount">Time-decayed post count at the query time (an over-estimate by at most <paramref name="DecayedError"/>).</param>
/// <param name="DecayedError">Maximum over-estimation of <paramref name="DecayedCount"/>.</param>
/// <param name="TotalCount">All-time post count from the Count-Min sketch (never below the truth).</param>
public sealed record RankedTopic(string Topic, double DecayedCount, double DecayedError, long TotalCount);
