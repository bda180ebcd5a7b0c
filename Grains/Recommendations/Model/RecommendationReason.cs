namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>One of the user's own items that led to a recommendation, with its contribution (confidence x cosine similarity).</summary>
/// <param name="ItemId">The item the user interacted with.</param>
/// <param name="Weight">Its contribution; larger means more influential.</param>
public sealed record RecommendationReason(string ItemId, float Weight);
