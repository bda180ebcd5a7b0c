using StreamOrleans.Grains.Recommendations.Model;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>The model version that serves recommendations now.</summary>
/// <param name="Version">Its version number.</param>
/// <param name="Model">Fold-in and top-N over its item factors (immutable, thread-safe).</param>
public sealed record ServingModel(int Version, RecommenderModel Model);
