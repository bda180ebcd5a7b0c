namespace StreamOrleans.Benchmarks.Recommendations;

/// <summary>Latency of one operation over many calls, milliseconds.</summary>
/// <param name="P50">Median wall time.</param>
/// <param name="P99">99th percentile wall time.</param>
/// <param name="CpuP99">99th percentile of the calling thread's CPU time.</param>
internal sealed record LatencyPercentiles(double P50, double P99, double CpuP99);
