using System.Text.Json.Serialization;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Streaming.Serialization;

/// <summary>Source-generated JSON metadata for the logs' and stores' own payloads (dead letters, stored positions).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class LogJsonContext : JsonSerializerContext;
