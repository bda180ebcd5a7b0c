using System.Text.Json.Serialization;
using StreamOrleans.Api.Faces.Contracts;

namespace StreamOrleans.Api.Faces;

/// <summary>Source-generated JSON metadata for the face gallery's responses.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PeopleResponse))]
[JsonSerializable(typeof(EnrolmentResponse))]
public sealed partial class FacesApiJsonContext : JsonSerializerContext;
