namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>GET /api/users/{id}/recommendations.</summary>
public sealed record UserRecommendationsResponse(string UserId, int? ModelVersion, bool ColdStart, IReadOnlyList<RecommendedProductResponse> Items);
