namespace StreamOrleans.Api.Recommendations.Contracts;

/// <summary>A product and its time-decayed popularity.</summary>
public sealed record PopularProductResponse(string ProductId, double Score);
