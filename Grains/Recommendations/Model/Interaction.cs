namespace StreamOrleans.Grains.Recommendations.Model;

/// <summary>One user-product event: the model layer's view of a <c>user-events</c> record.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ItemId">The product.</param>
/// <param name="Kind">View, click or purchase.</param>
/// <param name="Timestamp">When it happened (used by the holdout split and the popularity decay).</param>
public readonly record struct Interaction(string UserId, string ItemId, InteractionKind Kind, DateTimeOffset Timestamp);
