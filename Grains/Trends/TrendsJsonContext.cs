using System.Text.Json.Serialization;
using StreamOrleans.Grains.Interfaces.Trends;

namespace StreamOrleans.Grains.Trends;

/// <summary>Source-generated JSON metadata for the trends feature's states and stream events.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Post))]
[JsonSerializable(typeof(TrendAlert))]
[JsonSerializable(typeof(TopicTrendState))]
[JsonSerializable(typeof(TrendingTopicsState))]
public sealed partial class TrendsJsonContext : JsonSerializerContext;
