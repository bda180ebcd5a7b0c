using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;

namespace StreamOrleans.Api.Security;

/// <summary>
/// A per-client request rate limit on every route (ASP.NET Core's rate limiter, one fixed window per client), with
/// <see cref="RateLimitOptions"/>. A request with the right API key counts against the key (every holder of the key
/// shares its budget), any other against its IP address; an IPv6 address counts by its /64 prefix, which one host
/// owns, so rotating addresses inside it gains nothing. Over the limit: 429 ProblemDetails with Retry-After (seconds
/// to the next window). Health probes and /metrics are exempt (<c>DisableRateLimiting</c>). Behind a reverse proxy,
/// the proxy's address is the client unless forwarded headers are configured.
/// </summary>
public static class ClientRateLimiting
{
    /// <summary>Registers the limiter and its options (bound from "Api:RateLimit", validated at start-up).</summary>
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, ApiKeyVerifier>((limiter, options, verifier) =>
        {
            var limits = options.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) => RejectAsync(context, limits);
            if (limits.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
                    ClientOf(http, verifier),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = limits.Window,
                        QueueLimit = limits.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                        AutoReplenishment = true,
                    }));
            }
        });
        return services;
    }

    /// <summary>The partition a request counts against: "key" for the right API key, else "ip:" and the address (IPv6: its /64).</summary>
    public static string ClientOf(HttpContext context, ApiKeyVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(verifier);
        if (verifier.IsRequired && context.Request.Headers[ApiKeyEndpointFilter.HeaderName] is { Count: 1 } key && verifier.Matches(key.ToString()))
        {
            return "key";
        }

        return "ip:" + Network(context.Connection.RemoteIpAddress);
    }

    private static string Network(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions limits)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client sent more than {limits.PermitLimit} requests in {limits.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (Api:RateLimit:PermitLimit per Api:RateLimit:Window); retry after {seconds} s.",
                Extensions = { ["retryAfterSeconds"] = seconds, ["limit"] = limits.PermitLimit },
            },
        });
    }
}
