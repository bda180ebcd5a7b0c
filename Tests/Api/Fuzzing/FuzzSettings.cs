namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>How many cases to run, from which seed. Case i uses its own generator seeded from (Seed, i), so any case can be replayed alone.</summary>
/// <param name="Seed">The run's seed (printed, and in the report).</param>
/// <param name="Cases">Requests to send.</param>
/// <param name="Parallelism">Requests in flight at once.</param>
/// <param name="FirstCase">Index of the first case (to replay a case: its index and Cases = 1).</param>
public sealed record FuzzSettings(int Seed, int Cases, int Parallelism = 4, int FirstCase = 0)
{
    /// <summary>
    /// Routes that answer with an endless stream and may send nothing for a long time: Orleans' dashboard log trace
    /// (open for an hour, silent until a log line comes). Their answer is awaited for <see cref="StreamingWait"/>
    /// only; no answer by then is not a failure, a 5xx or a 4xx without ProblemDetails still is.
    /// </summary>
    public IReadOnlySet<string> StreamingRoutes { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "GET /orleans/Trace" };

    /// <summary>How long a streaming route's answer is awaited.</summary>
    public TimeSpan StreamingWait { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The generator seed of case <paramref name="index"/> (SplitMix64 of the run's seed and the index: stable across runs and runtimes).</summary>
    public int CaseSeed(int index)
    {
        var z = unchecked(((ulong)(uint)Seed << 32) + (ulong)index + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }
}
