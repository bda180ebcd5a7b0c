using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using StreamOrleans.Api.Configuration;
using StreamOrleans.Api.Security;

namespace StreamOrleans.Tests.Api.Security;

/// <summary>
/// The per-client rate limit (Api:RateLimit): three requests per hour-long window per client, so the fourth is refused
/// with a 429 ProblemDetails and Retry-After whatever the machine's speed; clients are the key holder or an IP address.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.Host host) : IClassFixture<RateLimitTests.Host>
{
    public const int Permits = 3;

    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_retry_after_and_a_problem_details()
    {
        var client = IPAddress.Parse("192.0.2.10");
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/counters/a"));
        }

        var refused = await host.Server.SendAsync(c => From(c, client, "/api/counters/a"));

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.Equal("application/problem+json", refused.Response.ContentType?.Split(';')[0]);
        var retryAfter = int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        var body = await new StreamReader(refused.Response.Body).ReadToEndAsync();
        Assert.Contains("\"status\":429", body, StringComparison.Ordinal);
        Assert.Contains("Api:RateLimit:PermitLimit", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_client_address_has_its_own_budget_and_an_ipv6_host_is_counted_by_its_64_prefix()
    {
        var first = IPAddress.Parse("192.0.2.20");
        var second = IPAddress.Parse("192.0.2.21");
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/api/counters/b"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(first, "/api/counters/b"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, "/api/counters/b"));

        // Rotating through addresses of one /64 (one host's allocation) does not buy more requests.
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"), "/api/counters/c"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(IPAddress.Parse("2001:db8:1:2:ffff::9"), "/api/counters/c"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(IPAddress.Parse("2001:db8:1:3::1"), "/api/counters/c"));
    }

    [Fact]
    public async Task The_key_holder_has_a_budget_of_its_own_and_a_wrong_key_counts_against_the_address()
    {
        var address = IPAddress.Parse("192.0.2.30");
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(address, "/api/streams/dead-letters", ApiFactory.ApiKey + "x"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(address, "/api/streams/dead-letters", "guess"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(address, "/api/streams/dead-letters", ApiFactory.ApiKey));
    }

    [Fact]
    public async Task Health_probes_and_metrics_are_not_limited()
    {
        var address = IPAddress.Parse("192.0.2.40");
        for (var i = 0; i < Permits; i++)
        {
            await StatusAsync(address, "/api/counters/d");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(address, "/api/counters/d"));
        foreach (var path in new[] { "/health/live", "/health/ready", "/health", "/alive", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(address, path));
        }
    }

    [Fact]
    public void The_limit_is_on_by_default_with_a_thousand_requests_per_second()
    {
        var defaults = new RateLimitOptions();

        Assert.True(defaults.Enabled);
        Assert.Equal(1000, defaults.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), defaults.Window);
        Assert.Equal(0, defaults.QueueLimit);
        Assert.False(new RateLimitOptions { PermitLimit = 0 }.Enabled);
    }

    private async Task<HttpStatusCode> StatusAsync(IPAddress address, string path, string? key = null)
    {
        var context = await host.Server.SendAsync(c =>
        {
            From(c, address, path);
            if (key is not null)
            {
                c.Request.Headers[ApiKeyEndpointFilter.HeaderName] = key;
            }
        });
        return (HttpStatusCode)context.Response.StatusCode;
    }

    private static void From(HttpContext context, IPAddress address, string path)
    {
        context.Connection.RemoteIpAddress = address;
        context.Request.Method = "GET";
        context.Request.Path = path;
    }

    /// <summary>An API host with a limit of <see cref="Permits"/> requests per client per hour.</summary>
    public sealed class Host() : ApiFactory(new Dictionary<string, string?>
    {
        ["Api:RateLimit:PermitLimit"] = $"{Permits}",
        ["Api:RateLimit:Window"] = "01:00:00",
    });
}
