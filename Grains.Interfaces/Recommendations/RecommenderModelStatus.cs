namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>The model grain's versions (newest first) and which one serves.</summary>
/// <param name="CurrentVersion">The serving version; null before the first training.</param>
/// <param name="Versions">Kept versions, newest first.</param>
/// <param name="InteractionsSeen">Events read from <c>user-events</c> so far.</param>
/// <param name="InteractionsSinceTraining">Events since the newest version's snapshot.</param>
/// <param name="Training">True while a training runs.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record RecommenderModelStatus([property: Orleans.Id(0)] int? CurrentVersion, [property: Orleans.Id(1)] IReadOnlyList<ModelVersionInfo> Versions, [property: Orleans.Id(2)] long InteractionsSeen, [property: Orleans.Id(3)] long InteractionsSinceTraining, [property: Orleans.Id(4)] bool Training);
