using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Api.Replicas;

/// <summary>
/// When Streams:Ownership:AdvertisedAddress is not set, advertises the first address the server listens on (after
/// Kestrel has bound it, so "port 0" resolves to the real port) for other replicas to forward requests to.
/// A wildcard host (0.0.0.0, [::], +, *) is replaced by this machine's first IPv4 address (or its name). Also hands the API key to the
/// replica-to-replica grain calls.
/// </summary>
internal sealed class AdvertisedAddressService(IServer server, IHostApplicationLifetime lifetime, MemberAddress address, Microsoft.Extensions.Options.IOptions<Configuration.ApiOptions> api) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Replicas share configuration, so each presents the same key when it calls another's grains.
        address.ApiKey = api.Value.ApiKey;
        lifetime.ApplicationStarted.Register(() =>
        {
            if (address.Value is not null || server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } listening)
            {
                return;
            }

            var uri = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "localhost")
            {
                uri.Host = ReachableHost();
            }

            address.Value = uri.Uri;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The machine's first IPv4 address other replicas can reach (its name when it has none).
    private static string ReachableHost()
    {
        try
        {
            return System.Net.Dns.GetHostAddresses(System.Net.Dns.GetHostName())
                .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))?.ToString()
                ?? Environment.MachineName;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return Environment.MachineName;
        }
    }
}
