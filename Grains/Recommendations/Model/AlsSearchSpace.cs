namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>
/// The values <see cref="AlsHyperparameterSearch.Coordinate"/> may try (log-spaced grids) and its budget. Defaults span
/// two to three orders of magnitude around the usual values for implicit ALS (alpha 1..40, lambda 0.01..100 per the
/// literature, lambda larger here because our Gram matrix is not normalised by the number of users).
/// </summary>
public sealed record AlsSearchSpace
{
    /// <summary>Confidence slopes; default 0.3 to 100.</summary>
    public IReadOnlyList<float> Alphas { get; init; } = [0.3f, 1f, 3f, 10f, 30f, 100f];

    /// <summary>Regularisations; default 1 to 1000.</summary>
    public IReadOnlyList<float> Regularizations { get; init; } = [1f, 3f, 10f, 30f, 100f, 300f, 1000f];

    /// <summary>Ranks; default 16 to 128 (a rank costs O(rank^2) per row and solve: the budget usually stops large ones).</summary>
    public IReadOnlyList<int> Ranks { get; init; } = [16, 32, 64, 128];

    /// <summary>Most trials (the starting point included); default 16.</summary>
    public int MaxTrials { get; init; } = 16;

    /// <summary>No trial starts after this much wall time has passed; default 2 minutes.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(2);
}
