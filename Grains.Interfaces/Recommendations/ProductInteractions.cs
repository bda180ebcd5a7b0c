namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>How often a user viewed, clicked and bought one product.</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record ProductInteractions([property: Orleans.Id(0)] string ProductId, [property: Orleans.Id(1)] int Views, [property: Orleans.Id(2)] int Clicks, [property: Orleans.Id(3)] int Purchases, [property: Orleans.Id(4)] DateTimeOffset LastAt);
