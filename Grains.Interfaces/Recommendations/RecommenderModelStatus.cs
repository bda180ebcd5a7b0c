namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>The model grain's versions (newest first) and which one serves.</summary>
/// <param name="CurrentVersion">The serving version; null before the first training.</param>
/// <param name="Versions">Kept versions, newest first.</param>
/// <param name="InteractionsSeen">Events read from <c>user-events</c> so far.</param>
/// <param name="InteractionsSinceTraining">Events since the newest version's snapshot.</param>
/// <param name="Training">True while a training runs.</param>
public sealed record RecommenderModelStatus(int? CurrentVersion, IReadOnlyList<ModelVersionInfo> Versions, long InteractionsSeen, long InteractionsSinceTraining, bool Training);
