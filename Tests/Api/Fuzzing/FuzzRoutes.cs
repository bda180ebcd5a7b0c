using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace StreamOrleans.Tests.Api.Fuzzing;

/// <summary>
/// Every route of the running app, from its <see cref="EndpointDataSource"/>: a route added tomorrow is fuzzed
/// without a change here. The body a route reads comes from its Accepts metadata; a POST, PUT or PATCH that declares
/// none still gets JSON.
/// </summary>
public static class FuzzRoutes
{
    /// <summary>The routes, one per (method, pattern), in a stable order.</summary>
    public static IReadOnlyList<FuzzRoute> From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var routes = new List<FuzzRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            var types = accepts?.ContentTypes ?? [];
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET", "POST"];
            foreach (var method in methods.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var writes = method is "POST" or "PUT" or "PATCH";
                var json = types.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) || (writes && types.Count == 0);
                var shape = accepts?.RequestType?.Name switch
                {
                    "IngestRequest" => JsonShape.Ingest,
                    "SeekRequest" => JsonShape.Seek,
                    "SentimentRequest" => JsonShape.Sentiment,
                    _ => JsonShape.Any,
                };
                routes.Add(new FuzzRoute(
                    method.ToUpperInvariant(),
                    endpoint.RoutePattern,
                    json,
                    types.Contains("image/jpeg", StringComparer.OrdinalIgnoreCase),
                    types.Contains("multipart/form-data", StringComparer.OrdinalIgnoreCase),
                    shape));
            }
        }

        return [.. routes.DistinctBy(r => r.Name).OrderBy(r => r.Name, StringComparer.Ordinal)];
    }
}
