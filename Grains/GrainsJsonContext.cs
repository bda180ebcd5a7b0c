using System.Text.Json.Serialization;
using StreamOrleans.Grains.Diagnostics;
using StreamOrleans.Grains.Interfaces.Diagnostics;

namespace StreamOrleans.Grains;

/// <summary>Source-generated JSON metadata for every grain state and stream event type of this assembly.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(CounterEvent))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
