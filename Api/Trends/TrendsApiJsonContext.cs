using System.Text.Json.Serialization;
using StreamOrleans.Api.Trends.Contracts;

namespace StreamOrleans.Api.Trends;

/// <summary>Source-generated JSON metadata for the trends routes (requests read strictly, as the API's own context).</summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TrendsResponse))]
[JsonSerializable(typeof(TopicResponse))]
[JsonSerializable(typeof(SentimentRequest))]
[JsonSerializable(typeof(SentimentResponse))]
[JsonSerializable(typeof(SentimentModelResponse))]
public sealed partial class TrendsApiJsonContext : JsonSerializerContext;
