using System.Text.Json.Serialization;
using StreamOrleans.Api.Recommendations.Contracts;

namespace StreamOrleans.Api.Recommendations;

/// <summary>Source-generated JSON metadata for the recommendation routes.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UserRecommendationsResponse))]
[JsonSerializable(typeof(PopularProductsResponse))]
[JsonSerializable(typeof(RecommenderModelResponse))]
[JsonSerializable(typeof(ModelVersionResponse))]
public sealed partial class RecommendationsApiJsonContext : JsonSerializerContext;
