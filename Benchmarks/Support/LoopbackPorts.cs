using System.Net;
using System.Net.Sockets;

namespace StreamOrleans.Benchmarks.Support;

/// <summary>Free TCP ports on 127.0.0.1 for the silos, APIs and dashboards a benchmark starts.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port nothing listens on now (the OS picks it; another process could take it before it is bound).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
