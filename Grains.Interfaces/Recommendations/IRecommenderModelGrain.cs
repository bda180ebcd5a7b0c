using Orleans;

namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>
/// The recommender model (one grain, key <see cref="DefaultKey"/>): reads every <c>user-events</c> record from the log,
/// keeps time-decayed popularity, retrains implicit ALS on a schedule and after N new events, keeps versions.
/// </summary>
public interface IRecommenderModelGrain : IGrainWithStringKey
{
    /// <summary>The key of the one model grain.</summary>
    const string DefaultKey = "default";

    /// <summary>Versions, the serving version and progress counters (after reading the log up to its end).</summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<RecommenderModelStatus> GetStatusAsync();

    /// <summary>
    /// Does now what the grain's timer does every Recommendations:RefreshInterval: reads the log up to its current end,
    /// serves a finished training run, or starts one off the grain's turn when it is due (enough data for the first
    /// model, then RetrainAfterInteractions new events or RetrainInterval). Returns the status after it.
    /// </summary>
    Task<RecommenderModelStatus> RefreshAsync();

    /// <summary>Reads the log up to its current end, then trains a new version now and serves it; returns it (null when there is nothing to train on).</summary>
    Task<ModelVersionInfo?> TrainAsync();

    /// <summary>
    /// Does now what the search timer does every Recommendations:SearchInterval: reads the log, searches rank, alpha and
    /// lambda on the holdout (starting from the serving values, within Recommendations:SearchBudget), trains a version
    /// with the best and serves it; returns it (null when there is nothing to train on).
    /// </summary>
    Task<ModelVersionInfo?> SearchAsync();

    /// <summary>Serves <paramref name="version"/> again; null when no such version is kept.</summary>
    Task<ModelVersionInfo?> RollbackAsync(int version);

    /// <summary>
    /// The <paramref name="count"/> most popular products as of the newest event (time-decayed, or plain counts when the
    /// serving version's holdout found them better), after reading the log up to its end.
    /// </summary>
    [Orleans.ResponseTimeout(QueryTimeout.Value)]
    Task<IReadOnlyList<PopularProduct>> GetPopularAsync(int count);

    /// <summary>The serving version with its factors (null before the first training), for replicas that do not host this grain.</summary>
    Task<ServingModelData?> GetServingModelAsync();
}
