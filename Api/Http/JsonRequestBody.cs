using Microsoft.AspNetCore.Http.HttpResults;

namespace StreamOrleans.Api.Http;

/// <summary>
/// Reads a JSON request body into memory with a size limit. The limit is checked against Content-Length up front
/// and against the bytes actually received, because chunked bodies carry no length (and test servers do not
/// enforce Kestrel's limit).
/// </summary>
public static class JsonRequestBody
{
    /// <summary>
    /// The body's bytes, or the 415 / 413 ProblemDetails to answer with. Check <see cref="CheckHeaders"/> first
    /// when the answer should not wait for the body.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckHeaders(request, maxBytes) is { } problem)
        {
            return (default, problem);
        }

        return await BoundedRequestBody.ReadAsync(request, maxBytes, cancellationToken) is { } body
            ? (body, null)
            : (default, ApiResults.BodyTooLarge(maxBytes, null));
    }

    /// <summary>415 unless the content type is JSON; 413 when Content-Length is over the limit; otherwise null.</summary>
    public static ProblemHttpResult? CheckHeaders(HttpRequest request, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return ApiResults.UnsupportedMediaType(request.ContentType);
        }

        return request.ContentLength is { } length && length > maxBytes ? ApiResults.BodyTooLarge(maxBytes, length) : null;
    }
}
