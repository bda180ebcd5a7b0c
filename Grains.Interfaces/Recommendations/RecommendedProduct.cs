namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A recommended product with its score and the user's products that explain it.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record RecommendedProduct([property: Orleans.Id(0)] string ProductId, [property: Orleans.Id(1)] float Score, [property: Orleans.Id(2)] IReadOnlyList<ProductReason> Reasons);
