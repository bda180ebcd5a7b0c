namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A user's top-N list.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ModelVersion">The model version used; null when no model is trained yet.</param>
/// <param name="ColdStart">True when the list is time-decayed popularity (no model, or no known products for this user).</param>
/// <param name="Items">Best first.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record UserRecommendations([property: Orleans.Id(0)] string UserId, [property: Orleans.Id(1)] int? ModelVersion, [property: Orleans.Id(2)] bool ColdStart, [property: Orleans.Id(3)] IReadOnlyList<RecommendedProduct> Items);
