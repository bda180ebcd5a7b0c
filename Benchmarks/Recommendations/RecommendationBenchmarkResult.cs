using System.Text.Json.Serialization;

namespace StreamOrleans.Benchmarks.Recommendations;

/// <summary>The numbers issue 3 asks for, as written to docs/benchmarks/recommendations.json.</summary>
public sealed record RecommendationBenchmarkResult
{
    /// <summary>Stored (user, item) pairs times ALS iterations per CPU-second of one thread, rank 64, CG solver (3 steps).</summary>
    [JsonPropertyName("als_nnz_iter_per_core_sec")]
    public required double AlsNonZeroIterationsPerCoreSecond { get; init; }

    /// <summary>The same single-thread run's rate by wall clock (lower when the machine is shared).</summary>
    [JsonPropertyName("als_nnz_iter_per_sec_wall_clock")]
    public required double AlsNonZeroIterationsPerSecondWallClock { get; init; }

    /// <summary>1-minute load average when the run ended (the machine is shared; latency tails depend on it).</summary>
    [JsonPropertyName("load_average_1m")]
    public required double LoadAverage { get; init; }

    /// <summary>Stored pairs in the throughput run.</summary>
    [JsonPropertyName("als_nnz")]
    public required int AlsNonZeros { get; init; }

    /// <summary>Events the throughput run's matrix was built from.</summary>
    [JsonPropertyName("als_interactions")]
    public required int AlsInteractions { get; init; }

    /// <summary>Threads used by the throughput run.</summary>
    [JsonPropertyName("als_threads")]
    public required int AlsThreads { get; init; }

    /// <summary>Seconds per ALS iteration in the throughput run.</summary>
    [JsonPropertyName("als_seconds_per_iteration")]
    public required double AlsSecondsPerIteration { get; init; }

    /// <summary>99th percentile of one fold-in (rank 64, 200 interactions), milliseconds.</summary>
    [JsonPropertyName("foldin_p99_ms")]
    public required double FoldInP99Milliseconds { get; init; }

    /// <summary>99th percentile of the fold-in thread's CPU time (excludes time preempted on a shared machine), milliseconds.</summary>
    [JsonPropertyName("foldin_p99_cpu_ms")]
    public required double FoldInCpuP99Milliseconds { get; init; }

    /// <summary>Median fold-in, milliseconds.</summary>
    [JsonPropertyName("foldin_p50_ms")]
    public required double FoldInP50Milliseconds { get; init; }

    /// <summary>99th percentile of one top-10 with reasons over 50,000 items (rank 64), milliseconds.</summary>
    [JsonPropertyName("recommend_p99_ms")]
    public required double RecommendP99Milliseconds { get; init; }

    /// <summary>99th percentile of the top-10 thread's CPU time, milliseconds.</summary>
    [JsonPropertyName("recommend_p99_cpu_ms")]
    public required double RecommendCpuP99Milliseconds { get; init; }

    /// <summary>Median top-10, milliseconds.</summary>
    [JsonPropertyName("recommend_p50_ms")]
    public required double RecommendP50Milliseconds { get; init; }

    /// <summary>
    /// Model NDCG@10 / plain popularity NDCG@10 (count of interactions in the training split, seen items excluded): the
    /// smaller of the historic planted log's and the demo stream's ratios (issue 16 target: &gt;= 2 on both).
    /// </summary>
    [JsonPropertyName("ndcg10_ratio_vs_popularity")]
    public required double NdcgRatioVersusPopularity { get; init; }

    /// <summary>The ratio on the planted log dated years in the past.</summary>
    [JsonPropertyName("ndcg10_ratio_vs_popularity_historic_log")]
    public required double HistoricRatio { get; init; }

    /// <summary>The ratio on the demo stream (the AppHost generator's events, stamped at its rate).</summary>
    [JsonPropertyName("ndcg10_ratio_vs_popularity_demo_stream")]
    public required double DemoRatio { get; init; }

    /// <summary>Plain popularity's NDCG@10 on the historic planted log (issue 16: must be &gt; 0).</summary>
    [JsonPropertyName("historic_log_popularity_ndcg10")]
    public required double HistoricPopularityNdcg { get; init; }

    /// <summary>Details of the historic planted log's evaluation.</summary>
    [JsonPropertyName("historic_log")]
    public required RecommendationQuality HistoricLog { get; init; }

    /// <summary>Details of the demo stream's evaluation.</summary>
    [JsonPropertyName("demo_stream")]
    public required RecommendationQuality DemoStream { get; init; }
}
