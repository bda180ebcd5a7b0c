namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A product and its time-decayed popularity (decayed rating sum, as of now).</summary>
public sealed record PopularProduct(string ProductId, double Score);
