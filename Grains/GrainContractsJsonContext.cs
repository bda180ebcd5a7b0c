using System.Text.Json.Serialization;
using StreamOrleans.Grains.Interfaces.Cameras;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Grains.Interfaces.Recommendations;
using StreamOrleans.Grains.Interfaces.Trends;

namespace StreamOrleans.Grains;

/// <summary>
/// Source-generated JSON metadata for the arguments and results of every grain interface method, so grain calls can
/// travel between replicas (a test checks that no method's types are missing).
/// </summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CameraStats))]
[JsonSerializable(typeof(FaceEnrolmentResult))]
[JsonSerializable(typeof(FaceGallerySnapshot))]
[JsonSerializable(typeof(IReadOnlyList<EnrolledPerson>))]
[JsonSerializable(typeof(IReadOnlyList<byte[]>))]
[JsonSerializable(typeof(CounterSnapshot))]
[JsonSerializable(typeof(RecommenderModelStatus))]
[JsonSerializable(typeof(ServingModelData))]
[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(UserRecommendations))]
[JsonSerializable(typeof(IReadOnlyList<PopularProduct>))]
[JsonSerializable(typeof(SentimentModelMetrics))]
[JsonSerializable(typeof(SentimentResult))]
[JsonSerializable(typeof(TopicDetails))]
[JsonSerializable(typeof(TopicSummary))]
[JsonSerializable(typeof(TrendingTotals))]
public sealed partial class GrainContractsJsonContext : JsonSerializerContext;
