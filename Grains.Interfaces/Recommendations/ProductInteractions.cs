namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>How often a user viewed, clicked and bought one product.</summary>
public sealed record ProductInteractions(string ProductId, int Views, int Clicks, int Purchases, DateTimeOffset LastAt);
