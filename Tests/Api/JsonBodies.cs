using System.Net.Http.Headers;
using System.Text;

namespace StreamOrleans.Tests.Api;

/// <summary>Request bodies as tests need them: exact JSON text, or chunked (no Content-Length).</summary>
public static class JsonBodies
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpContent Chunked(string json) => Chunked(Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>Any bytes, chunked, with <paramref name="contentType"/> (none when null).</summary>
    public static HttpContent Chunked(byte[] bytes, string? contentType) => new ChunkedContent(bytes, contentType);

    /// <summary>Content whose length is unknown up front, so it is sent with chunked transfer encoding.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes, string? contentType)
        {
            _bytes = bytes;
            if (contentType is not null)
            {
                Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var i = 0; i < _bytes.Length; i += 4096)
            {
                await stream.WriteAsync(_bytes.AsMemory(i, Math.Min(4096, _bytes.Length - i)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
