namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>One of the user's products that pulled a recommendation up, with its weight (confidence x similarity).</summary>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record ProductReason([property: Orleans.Id(0)] string ProductId, [property: Orleans.Id(1)] float Weight);
