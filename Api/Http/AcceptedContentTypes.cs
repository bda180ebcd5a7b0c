using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace StreamOrleans.Api.Http;

/// <summary>
/// What the routes matching a request accept as Content-Type (their Accepts metadata). Routing answers 415 itself when
/// no route accepts the request's type, through an endpoint of its own that does not say which types would do; this
/// finds them from the endpoints whose pattern and method match, so the 415 can name them.
/// </summary>
internal static class AcceptedContentTypes
{
    /// <summary>The content types accepted by the routes matching the request's path and method; empty when none declare any.</summary>
    public static IReadOnlyList<string> For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoints = context.RequestServices.GetService<EndpointDataSource>()?.Endpoints ?? [];
        var path = context.Request.Path;
        var method = context.Request.Method;
        return [.. endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase))
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            .Where(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()!.ContentTypes)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
