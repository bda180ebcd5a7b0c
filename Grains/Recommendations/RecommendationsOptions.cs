using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>Recommendation settings (configuration section "Recommendations"), validated at start-up.</summary>
public sealed class RecommendationsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Recommendations";

    /// <summary>Latent factors. Default 64.</summary>
    [Range(1, 1024)]
    public int Rank { get; set; } = 64;

    /// <summary>ALS sweeps per training. Default 15.</summary>
    [Range(1, 1000)]
    public int Iterations { get; set; } = 15;

    /// <summary>L2 regularisation lambda. Default 100 (chosen with Alpha by grid search on planted data; see README).</summary>
    [Range(0d, 1e6)]
    public float Regularization { get; set; } = 100f;

    /// <summary>Confidence slope: c = 1 + Alpha x r. Default 3 (best NDCG@10 of a grid over {1, 3, 10, 30}; see README).</summary>
    [Range(0d, 1e4)]
    public float Alpha { get; set; } = 3f;

    /// <summary>Rating weight of a view, in [0, 1]. Default 0 (views are ignored): r = 3 x purchases + clicks.</summary>
    [Range(0d, 1d)]
    public float ViewWeight { get; set; }

    /// <summary>Whether products the user bought are left out of their recommendations. Default true.</summary>
    public bool ExcludePurchased { get; set; } = true;

    /// <summary>Retrain after this many new events. Default 20,000.</summary>
    [Range(1, int.MaxValue)]
    public int RetrainAfterInteractions { get; set; } = 20_000;

    /// <summary>Retrain at least this often while new events arrive. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>No training before this many events (a model on less data is worse than popularity). Default 10,000.</summary>
    [Range(1, int.MaxValue)]
    public int MinInteractionsToTrain { get; set; } = 10_000;

    /// <summary>How often the model grain reads new events from the log and checks whether to retrain. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With several replicas: how often a replica that does not host the model grain copies the serving version and the
    /// popular products from it (when a user grain activates or asks for recommendations). Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ModelSyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Model versions kept for rollback (their factors are stored). Default 5.</summary>
    [Range(1, 100)]
    public int KeepVersions { get; set; } = 5;

    /// <summary>Each version is evaluated on a holdout of every user's last N products. Default 1.</summary>
    [Range(1, 100)]
    public int HoldoutPerUser { get; set; } = 1;

    /// <summary>
    /// Whether the model grain searches rank, alpha and lambda on its holdout (after the first version, then every
    /// <see cref="SearchInterval"/>). Default true; false keeps the configured values.
    /// </summary>
    public bool SearchEnabled { get; set; } = true;

    /// <summary>How often the hyper-parameter search runs again (a grain timer). Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan SearchInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wall time after which a search starts no new trial. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SearchBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most trials per search, the serving values included. Default 16.</summary>
    [Range(1, 1000)]
    public int SearchMaxTrials { get; set; } = 16;

    /// <summary>Largest rank a search may choose (ranks tried: 16, 32, 64, 128 up to this). Default 128.</summary>
    [Range(1, 1024)]
    public int SearchMaxRank { get; set; } = 128;

    /// <summary>Half-life of the popularity decay (cold start, baseline), in event time: measured back from the newest event. Default 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Length of the list a user grain publishes to topic "recommendations" when it changes; 0 publishes nothing. Default 10.</summary>
    [Range(0, 100)]
    public int PublishCount { get; set; } = 10;

    /// <summary>A user keeps counts for at most this many products (least recent dropped). Default 1,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxProductsPerUser { get; set; } = 1_000;
}
