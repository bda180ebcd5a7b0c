using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>A minimal OTLP/HTTP receiver (HttpListener on a free port): keeps the bodies POSTed to /v1/traces and /v1/metrics.</summary>
public sealed class OtlpHttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpHttpReceiver()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<byte[]> Traces { get; } = new();

    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.ContinueWith(static _ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url?.AbsolutePath;
            if (path == "/v1/traces")
            {
                Traces.Enqueue(body.ToArray());
            }
            else if (path == "/v1/metrics")
            {
                Metrics.Enqueue(body.ToArray());
            }

            context.Response.StatusCode = path is "/v1/traces" or "/v1/metrics" or "/v1/logs" ? 200 : 404;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
