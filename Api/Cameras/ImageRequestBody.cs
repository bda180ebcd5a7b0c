using Microsoft.AspNetCore.Http.HttpResults;
using StreamOrleans.Api.Http;

namespace StreamOrleans.Api.Cameras;

/// <summary>Reads an image/jpeg request body with a byte limit (Cameras:MaxFrameBytes), answering 415 / 413 ProblemDetails.</summary>
public static class ImageRequestBody
{
    /// <summary>The accepted content type.</summary>
    public const string JpegContentType = "image/jpeg";

    /// <summary>True when the request says its body is image/jpeg.</summary>
    public static bool IsJpeg(HttpRequest request) =>
        request is not null && request.ContentType is { } type
        && type.Split(';')[0].Trim().Equals(JpegContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The body, or the ProblemDetails to answer with.</summary>
    public static async Task<(byte[] Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJpeg(request))
        {
            return ([], UnsupportedMediaType(request.ContentType, JpegContentType));
        }

        if (request.ContentLength is { } length && length > maxBytes)
        {
            return ([], TooLarge(maxBytes, length));
        }

        return await BoundedRequestBody.ReadAsync(request, maxBytes, cancellationToken) is { } body
            ? (body, null)
            : ([], TooLarge(maxBytes, null));
    }

    /// <summary>415 naming what was sent and what is accepted.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string? contentType, string accepted) => TypedResults.Problem(
        title: "Unsupported media type",
        detail: string.IsNullOrEmpty(contentType)
            ? $"The request has no Content-Type; send {accepted}."
            : $"Content-Type '{contentType}' is not accepted; send {accepted}.",
        statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>413 naming the limit.</summary>
    public static ProblemHttpResult TooLarge(long limit, long? actual) => TypedResults.Problem(
        title: "Image too large",
        detail: actual is { } length
            ? $"The image has {length} bytes; at most {limit} bytes are accepted (Cameras:MaxFrameBytes)."
            : $"The image exceeds {limit} bytes, the most accepted (Cameras:MaxFrameBytes).",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["limit"] = limit });
}
