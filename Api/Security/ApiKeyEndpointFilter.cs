using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Http;

namespace StreamOrleans.Api.Security;

/// <summary>
/// Lets a request through only when its X-Api-Key header equals Api:ApiKey (when one is configured). Both values are
/// hashed with SHA-256 and compared in constant time, so neither the content nor the length of the key leaks
/// through response timing.
/// </summary>
public sealed class ApiKeyEndpointFilter(IOptions<ApiOptions> options) : IEndpointFilter
{
    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly byte[]? _expectedHash = options.Value.ApiKey is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_expectedHash is null)
        {
            return next(context);
        }

        var given = context.HttpContext.Request.Headers[HeaderName];
        if (given.Count == 0)
        {
            return ValueTask.FromResult<object?>(ApiResults.Unauthorized($"This route requires an API key in the {HeaderName} header."));
        }

        var givenHash = SHA256.HashData(Encoding.UTF8.GetBytes(given.ToString()));
        return given.Count == 1 && CryptographicOperations.FixedTimeEquals(givenHash, _expectedHash)
            ? next(context)
            : ValueTask.FromResult<object?>(ApiResults.Unauthorized($"The {HeaderName} header does not match the configured API key."));
    }
}
