using System.Text.Json.Serialization;

namespace StreamOrleans.Benchmarks.Trends;

/// <summary>
/// Single-thread throughput of tokenizing and VADER-scoring posts (one run of <see cref="TextScoringThroughput"/>).
/// Rates per CPU-second are what one core sustains even on a busy machine; the wall-clock rate is the best trial.
/// </summary>
internal sealed record TextScoringResult(
    [property: JsonPropertyName("posts")] int Posts,
    [property: JsonPropertyName("mean_chars")] double MeanChars,
    [property: JsonPropertyName("tokenize_per_cpu_sec")] double TokenizePerCpuSecond,
    [property: JsonPropertyName("score_per_cpu_sec")] double ScorePerCpuSecond,
    [property: JsonPropertyName("tokenize_and_score_per_cpu_sec")] double TokenizeAndScorePerCpuSecond,
    [property: JsonPropertyName("tokenize_and_score_ns_per_post")] double TokenizeAndScoreNanosecondsPerPost,
    [property: JsonPropertyName("tokenize_and_score_per_wall_sec_best_trial")] double TokenizeAndScorePerWallSecond);
