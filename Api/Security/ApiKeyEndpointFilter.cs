using StreamOrleans.Api.Http;

namespace StreamOrleans.Api.Security;

/// <summary>
/// Lets a request through only when its X-Api-Key header equals Api:ApiKey (when one is configured); see
/// <see cref="ApiKeyVerifier"/> for the constant-time comparison.
/// </summary>
public sealed class ApiKeyEndpointFilter(ApiKeyVerifier verifier) : IEndpointFilter
{
    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!verifier.IsRequired)
        {
            return next(context);
        }

        var given = context.HttpContext.Request.Headers[HeaderName];
        if (given.Count == 0)
        {
            return ValueTask.FromResult<object?>(ApiResults.Unauthorized($"This route requires an API key in the {HeaderName} header."));
        }

        return given.Count == 1 && verifier.Matches(given.ToString())
            ? next(context)
            : ValueTask.FromResult<object?>(ApiResults.Unauthorized($"The {HeaderName} header does not match the configured API key."));
    }
}
