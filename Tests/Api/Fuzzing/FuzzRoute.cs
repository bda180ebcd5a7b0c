using Microsoft.AspNetCore.Routing.Patterns;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>One route and method of the app as the fuzzer drives it, read from the endpoint's metadata.</summary>
/// <param name="Method">The HTTP method the endpoint answers.</param>
/// <param name="Pattern">The route pattern, its parameters to fill in.</param>
/// <param name="AcceptsJson">The endpoint reads a JSON body.</param>
/// <param name="AcceptsJpeg">The endpoint reads an image/jpeg body.</param>
/// <param name="AcceptsMultipart">The endpoint reads multipart/form-data.</param>
/// <param name="Shape">The JSON document it expects.</param>
public sealed record FuzzRoute(string Method, RoutePattern Pattern, bool AcceptsJson, bool AcceptsJpeg, bool AcceptsMultipart, JsonShape Shape)
{
    /// <summary>"POST /api/streams/{topic}/events": the name counts are reported under.</summary>
    public string Name => $"{Method} {Pattern.RawText}";

    /// <summary>True when the route reads a body of some kind.</summary>
    public bool ReadsBody => AcceptsJson || AcceptsJpeg || AcceptsMultipart;
}
