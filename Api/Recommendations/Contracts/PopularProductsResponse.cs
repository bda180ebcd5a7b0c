namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>GET /api/products/popular.</summary>
public sealed record PopularProductsResponse(IReadOnlyList<PopularProductResponse> Items);
