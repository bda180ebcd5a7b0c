namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>One of the user's products that explains a recommendation.</summary>
public sealed record ProductReasonResponse(string ProductId, float Weight);
