namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>A recommended item, its model score (x_u . y_i) and the user's items that contributed most.</summary>
/// <param name="ItemId">The recommended item.</param>
/// <param name="Score">Predicted preference.</param>
/// <param name="Reasons">Most influential items first; empty for cold-start or popularity results.</param>
public sealed record RecommendedItem(string ItemId, float Score, IReadOnlyList<RecommendationReason> Reasons);
