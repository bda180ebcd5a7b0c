using System.Text.Json.Serialization;

namespace StreamOrleans.Grains.Cameras;

/// <summary>Source-generated JSON metadata for the camera grains' states.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CameraState))]
[JsonSerializable(typeof(CameraDirectoryState))]
[JsonSerializable(typeof(FaceGalleryState))]
public sealed partial class CamerasJsonContext : JsonSerializerContext;
