namespace StreamOrleans.Runtime.Streams;

/// <summary>
/// A lock-free latency histogram with 0.1 ms buckets up to 10 s (longer values land in the last bucket).
/// Recording is one interlocked increment; percentiles are read from a snapshot of the counts.
/// </summary>
public sealed class LatencyHistogram
{
    private const double BucketMs = 0.1;
    private const int Buckets = 100_000;
    private readonly long[] _counts = new long[Buckets];

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        var bucket = (int)Math.Clamp(latency.TotalMilliseconds / BucketMs, 0, Buckets - 1);
        Interlocked.Increment(ref _counts[bucket]);
    }

    /// <summary>Forgets everything recorded so far.</summary>
    public void Reset() => Array.Clear(_counts);

    /// <summary>Number of latencies recorded.</summary>
    public long Count => _counts.Sum();

    /// <summary>The latency (upper edge of its bucket) below which <paramref name="percentile"/> % of recordings fall; null when empty.</summary>
    public double? PercentileMs(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var snapshot = (long[])_counts.Clone();
        var total = snapshot.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(percentile / 100 * total);
        long seen = 0;
        for (var i = 0; i < snapshot.Length; i++)
        {
            seen += snapshot[i];
            if (seen >= Math.Max(rank, 1))
            {
                return (i + 1) * BucketMs;
            }
        }

        return Buckets * BucketMs;
    }
}
