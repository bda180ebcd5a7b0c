using System.Net.Http.Headers;
using System.Text;

namespace StreamOrleans.Tests.Api;

/// <summary>Request bodies as tests need them: exact JSON text, or chunked (no Content-Length).</summary>
public static class JsonBodies
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpContent Chunked(string json) => new ChunkedContent(Encoding.UTF8.GetBytes(json));

    /// <summary>Content whose length is unknown up front, so it is sent with chunked transfer encoding.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
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
