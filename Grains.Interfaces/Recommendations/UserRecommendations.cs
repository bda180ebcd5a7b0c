namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A user's top-N list.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ModelVersion">The model version used; null when no model is trained yet.</param>
/// <param name="ColdStart">True when the list is time-decayed popularity (no model, or no known products for this user).</param>
/// <param name="Items">Best first.</param>
public sealed record UserRecommendations(string UserId, int? ModelVersion, bool ColdStart, IReadOnlyList<RecommendedProduct> Items);
