namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>What a user grain has applied: its event count and per-product counts (ordered by product id).</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record UserProfile([property: Orleans.Id(0)] string UserId, [property: Orleans.Id(1)] long Events, [property: Orleans.Id(2)] IReadOnlyList<ProductInteractions> Products);
