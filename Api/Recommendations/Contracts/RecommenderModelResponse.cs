namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>GET /api/models/recommender: kept versions (newest first) and the serving one.</summary>
public sealed record RecommenderModelResponse(int? CurrentVersion, IReadOnlyList<ModelVersionResponse> Versions, long InteractionsSeen, long InteractionsSinceTraining, bool Training);
