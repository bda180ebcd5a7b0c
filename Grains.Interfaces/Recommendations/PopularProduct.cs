namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A product and its time-decayed popularity (decayed rating sum, as of now).</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record PopularProduct([property: Orleans.Id(0)] string ProductId, [property: Orleans.Id(1)] double Score);
