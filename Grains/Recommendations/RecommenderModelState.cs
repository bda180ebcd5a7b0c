namespace StreamOrleans.Grains.Recommendations;

/// <summary>
/// The persisted state of the <see cref="RecommenderModelGrain"/>: kept versions and which one serves. Written only when
/// a version is trained or rolled back to, never per event (the training data is the log itself).
/// </summary>
public sealed class RecommenderModelState
{
    /// <summary>The serving version; null before the first training.</summary>
    public int? CurrentVersion { get; set; }

    /// <summary>The highest version number handed out.</summary>
    public int LastVersion { get; set; }

    /// <summary>Rank, alpha and lambda chosen by the last hyper-parameter search; null before the first search (configured values serve).</summary>
    public TunedHyperparameters? Tuned { get; set; }

    /// <summary>Kept versions, newest first.</summary>
    public List<StoredModelVersion> Versions { get; set; } = [];
}
