namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>What a user grain has applied: its event count and per-product counts (ordered by product id).</summary>
public sealed record UserProfile(string UserId, long Events, IReadOnlyList<ProductInteractions> Products);
