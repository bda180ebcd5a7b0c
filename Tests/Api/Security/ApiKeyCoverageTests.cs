using System.Net;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Api.OrleansDashboard;
using StreamOrleans.Api.Security;

namespace StreamOrleans.Tests.Api.Security;

/// <summary>
/// Every route of the app, read from its EndpointDataSource, is either behind the API key (ingest, admin, Orleans'
/// dashboard and its grain-state views) and answers 401 ProblemDetails without it, or is on the list of public
/// read routes below: a new route fails this test until someone decides which it is.
/// </summary>
[Collection(ApiCollection.Name)]
public class ApiKeyCoverageTests(ApiHostFixture api)
{
    /// <summary>Routes that need no key: reads of model outputs, the product dashboard, probes, metrics, the API reference.</summary>
    public static readonly string[] PublicRoutes =
    [
        "GET /", "GET /alive", "GET /api/cameras/", "GET /api/cameras/{id}/latest", "GET /api/cameras/{id}/latest.jpg", "GET /api/counters/{key}",
        "GET /api/dashboard/events", "GET /api/dashboard/features", "GET /api/dashboard/snapshot", "GET /api/faces/", "GET /api/models/recommender",
        "GET /api/models/sentiment", "GET /api/products/popular", "GET /api/streams/{topic}", "GET /api/topics/{topic}", "GET /api/trends",
        "GET /api/users/{id}/recommendations", "GET /dashboard/", "GET /dashboard/lib/uplot/{file}", "GET /dashboard/{file}", "GET /health",
        "GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi/{documentName}.json", "GET /scalar/favicon.svg",
        "GET /scalar/scalar.aspnetcore.js", "GET /scalar/scalar.js", "GET /scalar/{documentName?}",
        "POST /api/sentiment", // scores the text sent, stores nothing
    ];

    [Fact]
    public void Every_route_is_either_behind_the_key_or_on_the_public_list()
    {
        var unprotected = Routes().Where(r => !r.Protected).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            unprotected.SequenceEqual(PublicRoutes.Order(StringComparer.Ordinal)),
            $"routes without the API key: {string.Join(", ", unprotected.Select(r => $"\"{r}\""))}");
    }

    [Fact]
    public async Task Every_protected_route_answers_401_problem_details_without_the_key_and_with_a_wrong_one()
    {
        using var anonymous = api.CreateClient(new() { AllowAutoRedirect = false });
        using var wrong = api.CreateClient(new() { AllowAutoRedirect = false });
        wrong.DefaultRequestHeaders.Add(ApiKeyEndpointFilter.HeaderName, ApiFactory.ApiKey[..^1]);
        var protectedRoutes = Routes().Where(r => r.Protected).ToList();

        Assert.Contains(protectedRoutes, r => r.Name == "POST /api/streams/{topic}/events");
        Assert.Contains(protectedRoutes, r => r.Name == "POST /api/cameras/{id}/frames");
        Assert.Contains(protectedRoutes, r => r.Name == "GET /orleans/GrainState");
        foreach (var route in protectedRoutes)
        {
            foreach (var client in new[] { anonymous, wrong })
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
                if (route.Method is "POST" or "PUT" or "PATCH")
                {
                    // Of the type the route accepts: routing answers 415 for another before the key is checked.
                    request.Content = new ByteArrayContent("{}"u8.ToArray());
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", route.ContentType);
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Name}: {(int)response.StatusCode}");
                await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            }
        }
    }

    private IEnumerable<(string Name, string Method, string Path, bool Protected, string ContentType)> Routes()
    {
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var pattern = endpoint.RoutePattern;
            var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
            var isProtected = endpoint.Metadata.GetMetadata<ApiKeyRequiredMetadata>() is not null
                || pattern.RawText!.StartsWith(OrleansDashboardApi.RoutePrefix + "/", StringComparison.Ordinal);
            foreach (var method in methods)
            {
                yield return ($"{method} {pattern.RawText}", method, Path(pattern), isProtected, contentType);
            }
        }
    }

    private static string Path(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => parameter.ParameterPolicies.Count > 0 ? "1" : "x",
        _ => "",
    }))));
}
