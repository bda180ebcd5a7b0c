using System.Text.Json.Serialization;

namespace StreamOrleans.Benchmarks.Recommendations;

/// <summary>One data set's holdout evaluation: hyper-parameters searched on a tuning split, scored on another.</summary>
public sealed record RecommendationQuality
{
    /// <summary>What the data set is.</summary>
    [JsonPropertyName("data")]
    public required string Data { get; init; }

    /// <summary>Events scored.</summary>
    [JsonPropertyName("events")]
    public required int Events { get; init; }

    /// <summary>First and last event time.</summary>
    [JsonPropertyName("time_span")]
    public required string TimeSpan { get; init; }

    /// <summary>Users evaluated (leave-last-out, 3 per user).</summary>
    [JsonPropertyName("users_evaluated")]
    public required int Users { get; init; }

    /// <summary>Model NDCG@10 with the chosen values.</summary>
    [JsonPropertyName("ndcg10_model")]
    public required double ModelNdcg { get; init; }

    /// <summary>Plain popularity NDCG@10.</summary>
    [JsonPropertyName("ndcg10_plain_popularity")]
    public required double PlainPopularityNdcg { get; init; }

    /// <summary>Time-decayed popularity NDCG@10 (half-life 1 day, the default, in event time).</summary>
    [JsonPropertyName("ndcg10_decayed_popularity")]
    public required double DecayedPopularityNdcg { get; init; }

    /// <summary>Model / plain popularity.</summary>
    [JsonPropertyName("ndcg10_ratio_vs_popularity")]
    public required double Ratio { get; init; }

    /// <summary>Model / configured defaults (rank 64, alpha 3, lambda 100) on the same split.</summary>
    [JsonPropertyName("ndcg10_defaults")]
    public required double DefaultsNdcg { get; init; }

    /// <summary>Chosen rank, alpha, lambda.</summary>
    [JsonPropertyName("chosen")]
    public required double[] Chosen { get; init; }

    /// <summary>Search trials on the tuning split, in the order tried: rank, alpha, lambda, NDCG@10.</summary>
    [JsonPropertyName("search")]
    public required IReadOnlyList<double[]> Search { get; init; }
}
