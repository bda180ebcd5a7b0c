namespace StreamOrleans.Grains.Interfaces.Recommendations;

/// <summary>A record of output topic <c>recommendations</c>: a user's top-N list changed (keyed by user id).</summary>
/// <param name="UserId">The user.</param>
/// <param name="ModelVersion">The model version that produced the list; null for the cold-start list.</param>
/// <param name="ProductIds">The new list, best first.</param>
/// <param name="ChangedAt">When the grain computed it.</param>
[Orleans.GenerateSerializer, Orleans.Immutable]
public sealed record RecommendationUpdate([property: Orleans.Id(0)] string UserId, [property: Orleans.Id(1)] int? ModelVersion, [property: Orleans.Id(2)] IReadOnlyList<string> ProductIds, [property: Orleans.Id(3)] DateTimeOffset ChangedAt)
{
    /// <summary>The output topic.</summary>
    public const string Topic = "recommendations";
}
