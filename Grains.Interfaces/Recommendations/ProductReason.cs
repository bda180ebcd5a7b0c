namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>One of the user's products that pulled a recommendation up, with its weight (confidence x similarity).</summary>
public sealed record ProductReason(string ProductId, float Weight);
