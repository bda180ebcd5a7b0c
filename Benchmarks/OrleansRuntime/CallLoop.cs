using System.Diagnostics;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.OrleansRuntime;

/// <summary>C callers, each awaiting one call at a time on its own target, for a fixed time: the shape both sides of the call benchmark share.</summary>
internal static class CallLoop
{
    /// <summary>Calls <paramref name="call"/>(caller index) from <paramref name="callers"/> callers for <paramref name="length"/>.</summary>
    public static async Task<CallRound> MeasureAsync(Func<int, Task<int>> call, int callers, TimeSpan length)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var latencies = new double[callers][];
        var counts = new int[callers];
        var sampled = new int[callers];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            // Every call is counted; latencies are kept for every k-th call so memory stays bounded.
            const int Every = 4;
            var samples = new double[1_000_000];
            var n = 0;
            var kept = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                var t0 = Stopwatch.GetTimestamp();
                await call(i);
                if (n++ % Every == 0 && kept < samples.Length)
                {
                    samples[kept++] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                }
            }

            latencies[i] = samples;
            counts[i] = n;
            sampled[i] = kept;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany((l, i) => l.Take(sampled[i])).ToArray();
        return new CallRound(counts.Sum() / elapsed, Stats.Percentile(all, all.Length, 50), Stats.Percentile(all, all.Length, 99));
    }
}
