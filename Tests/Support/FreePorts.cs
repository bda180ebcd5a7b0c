using System.Net;
using System.Net.Sockets;

namespace StreamOrleans.Tests.Support;

/// <summary>TCP ports on loopback that nothing listens on right now (the OS picks them), for child silos.</summary>
public static class FreePorts
{
    /// <summary><paramref name="count"/> distinct free ports.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
