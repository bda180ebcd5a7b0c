using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace StreamOrleans.Api.Http;

/// <summary>
/// Reads a request body into memory with a byte limit, checked against the bytes actually received (chunked bodies
/// carry no length, and test servers do not enforce Kestrel's limit). Content type and Content-Length checks are the
/// caller's, which also words the 413 for its own setting.
/// </summary>
public static class BoundedRequestBody
{
    /// <summary>The body's bytes, or null when it has more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Let the server stop an oversized upload too; one byte over our own limit so that ours answers.
            limit.MaxRequestBodySize = maxBytes + 1;
        }

        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(buffer.End);
                    return null;
                }

                if (result.IsCompleted)
                {
                    var body = buffer.ToArray();
                    reader.AdvanceTo(buffer.End);
                    return body;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
