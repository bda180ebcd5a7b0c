namespace StreamOrleans.Benchmarks.OrleansRuntime;

/// <summary>One measured round of <see cref="CallLoop"/>: calls per second and latency percentiles in microseconds.</summary>
internal sealed record CallRound(double CallsPerSecond, double P50Us, double P99Us);
