using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StreamOrleans.Runtime.Streams.Ownership;

namespace StreamOrleans.Api.Replicas;

/// <summary>
/// When Streams:Ownership:AdvertisedAddress is not set, advertises the first address the server listens on (after
/// Kestrel has bound it, so "port 0" resolves to the real port) for other replicas to forward requests to.
/// A wildcard host (0.0.0.0, [::], +, *) is replaced by this machine's host name.
/// </summary>
internal sealed class AdvertisedAddressService(IServer server, IHostApplicationLifetime lifetime, MemberAddress address) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (address.Value is not null || server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } listening)
            {
                return;
            }

            var uri = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "localhost")
            {
                uri.Host = Environment.MachineName;
            }

            address.Value = uri.Uri;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
