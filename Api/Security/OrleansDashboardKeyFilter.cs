using Microsoft.Extensions.Primitives;
using StreamOrleans.Api.Http;

namespace StreamOrleans.Api.Security;

/// <summary>
/// Puts Orleans' dashboard (a browser page and the JSON it polls) behind Api:ApiKey when one is set. A request passes
/// with the X-Api-Key header (scripts, tests), or with the dashboard cookie a browser gets by opening the dashboard
/// once with <c>?apiKey=KEY</c>: the key is checked, an HttpOnly, SameSite=Strict cookie scoped to the dashboard's path
/// is set, and the browser is redirected to the same address without the key (so it stays out of history and
/// bookmarks). The cookie holds <see cref="ApiKeyVerifier.DashboardToken"/>, not the key: it opens the dashboard's
/// read-only routes and nothing else. Without a configured key everything passes.
/// </summary>
public sealed class OrleansDashboardKeyFilter(ApiKeyVerifier verifier, string routePrefix) : IEndpointFilter
{
    /// <summary>The cookie carrying the dashboard token.</summary>
    public const string CookieName = "StreamOrleans.OrleansDashboard";

    /// <summary>The query parameter a browser sends the key in once.</summary>
    public const string QueryName = "apiKey";

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!verifier.IsRequired)
        {
            return next(context);
        }

        var request = context.HttpContext.Request;
        if (request.Headers.TryGetValue(ApiKeyEndpointFilter.HeaderName, out var header))
        {
            return header.Count == 1 && verifier.Matches(header.ToString())
                ? next(context)
                : Refuse($"The {ApiKeyEndpointFilter.HeaderName} header does not match the configured API key.");
        }

        if (request.Query.TryGetValue(QueryName, out var query))
        {
            return query.Count == 1 && verifier.Matches(query.ToString())
                ? ValueTask.FromResult<object?>(SignIn(context.HttpContext))
                : Refuse($"The '{QueryName}' query value does not match the configured API key.");
        }

        if (request.Cookies.TryGetValue(CookieName, out var token))
        {
            return verifier.MatchesDashboardToken(token)
                ? next(context)
                : Refuse($"The dashboard cookie does not match the configured API key (was the key changed?); open {routePrefix}/?{QueryName}=KEY again.");
        }

        return Refuse(
            $"The Orleans dashboard requires the API key: send the {ApiKeyEndpointFilter.HeaderName} header, or open {routePrefix}/?{QueryName}=KEY " +
            "once in a browser (it sets a cookie for the dashboard and removes the key from the address).");
    }

    private static ValueTask<object?> Refuse(string detail) => ValueTask.FromResult<object?>(ApiResults.Unauthorized(detail));

    // Sets the cookie and redirects to the same address without the key (other query values, e.g. a grain id, stay).
    private IResult SignIn(HttpContext context)
    {
        var request = context.Request;
        context.Response.Cookies.Append(CookieName, verifier.DashboardToken()!, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = $"{request.PathBase}{routePrefix}",
            IsEssential = true,
        });
        var rest = QueryString.Create(request.Query.Where(q => q.Key != QueryName).Select(q => new KeyValuePair<string, StringValues>(q.Key, q.Value)));
        return TypedResults.Redirect($"{request.PathBase}{request.Path}{rest}");
    }
}
