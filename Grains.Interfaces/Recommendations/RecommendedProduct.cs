namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A recommended product with its score and the user's products that explain it.</summary>
public sealed record RecommendedProduct(string ProductId, float Score, IReadOnlyList<ProductReason> Reasons);
