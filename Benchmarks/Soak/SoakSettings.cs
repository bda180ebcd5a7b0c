namespace StreamOrleans.Benchmarks.Soak;

/// <summary>What one soak run uses (recorded in its JSON).</summary>
/// <param name="Duration">Length of the paced load.</param>
/// <param name="LoadFraction">Offered rate as a fraction of the maximum rate measured first in the same run.</param>
/// <param name="SampleInterval">Time between two samples of memory, disk and lag.</param>
/// <param name="MaxRateRounds">Closed-loop rounds that measure the maximum rate (median).</param>
/// <param name="MaxRateRoundLength">Length of one of those rounds.</param>
/// <param name="RetentionAge">The log's retention age: older records are deleted while the load runs.</param>
/// <param name="RetentionInterval">How often the silo's retention service runs.</param>
internal sealed record SoakSettings(
    TimeSpan Duration,
    double LoadFraction,
    TimeSpan SampleInterval,
    int MaxRateRounds,
    TimeSpan MaxRateRoundLength,
    TimeSpan RetentionAge,
    TimeSpan RetentionInterval)
{
    /// <summary>The paced producer appends once per tick (the records due since the last tick).</summary>
    public static readonly TimeSpan ProducerTick = TimeSpan.FromMilliseconds(20);

    /// <summary>Largest RSS or disk ratio, median of the last half of the steady window over the first half's, still called bounded.</summary>
    public const double MaxGrowth = 1.15;

    /// <summary>
    /// Largest median lag of the last half still called bounded, as a multiple of the first half's median lag (medians,
    /// not maxima: one GC pause or a neighbour's burst on a shared machine is a spike, a lag that grows moves the median)...
    /// </summary>
    public const double MaxLagGrowth = 1.5;

    /// <summary>...or, when larger, this many seconds of the offered rate.</summary>
    public const double LagAllowanceSeconds = 1.0;

    /// <summary>
    /// Largest log WAL file still called bounded, MiB: the log's journal_size_limit (64 MiB, what a WAL is cut back to
    /// after a checkpoint) plus one default checkpoint threshold (16 MiB) appended while a checkpoint runs.
    /// </summary>
    public const double MaxWalMb = 80;

    /// <summary>Smallest achieved rate, as a fraction of the target, that counts as holding the rate.</summary>
    public const double MinRateHeld = 0.95;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(Duration >= TimeSpan.FromSeconds(30) && Duration <= TimeSpan.FromHours(24), "--minutes", Duration.TotalMinutes, "0.5 to 1440");
        Require(LoadFraction is > 0 and <= 1, "--load", LoadFraction, "above 0 and at most 1");
        Require(SampleInterval >= TimeSpan.FromSeconds(1) && SampleInterval * 4 <= Duration, "--sample-seconds", SampleInterval.TotalSeconds, "at least 1 and at most a quarter of the run");
        Require(MaxRateRounds is >= 1 and <= 20, "--max-rounds", MaxRateRounds, "1 to 20");
        Require(MaxRateRoundLength >= TimeSpan.FromSeconds(1) && MaxRateRoundLength <= TimeSpan.FromMinutes(2), "--max-round-seconds", MaxRateRoundLength.TotalSeconds, "1 to 120");
        Require(RetentionAge >= TimeSpan.FromSeconds(1) && RetentionAge * 4 <= Duration, "--retention-seconds", RetentionAge.TotalSeconds, "at least 1 and at most a quarter of the run");
        Require(RetentionInterval >= TimeSpan.FromSeconds(1) && RetentionInterval <= RetentionAge, "--retention-interval-seconds", RetentionInterval.TotalSeconds, "at least 1 and at most the retention age");
    }

    private static void Require(bool condition, string option, object value, string range)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} {value} is out of range: use {range}.");
        }
    }
}
