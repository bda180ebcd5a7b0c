using System.Text.Json.Serialization;
using StreamOrleans.Api.Cameras.Contracts;

namespace StreamOrleans.Api.Cameras;

/// <summary>Source-generated JSON metadata for the camera responses.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CamerasResponse))]
[JsonSerializable(typeof(LatestFrameResponse))]
[JsonSerializable(typeof(FrameAcceptedResponse))]
public sealed partial class CamerasApiJsonContext : JsonSerializerContext;
