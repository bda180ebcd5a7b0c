namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>A recommended product, its score and its reasons.</summary>
public sealed record RecommendedProductResponse(string ProductId, float Score, IReadOnlyList<ProductReasonResponse> Reasons);
