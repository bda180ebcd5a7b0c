using System.Text.Json.Serialization;
using StreamOrleans.Grains.Interfaces.Recommendations;

namespace StreamOrleans.Grains.Recommendations;

/// <summary>Source-generated JSON metadata for the recommendation feature's states and stream events.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(UserEvent))]
[JsonSerializable(typeof(RecommendationUpdate))]
[JsonSerializable(typeof(UserState))]
[JsonSerializable(typeof(RecommenderModelState))]
public sealed partial class RecommendationsJsonContext : JsonSerializerContext;
