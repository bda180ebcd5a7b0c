using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Api.Configuration;

/// <summary>
/// The per-client request rate limit (configuration section "Api:RateLimit"), validated at start-up. A client is the
/// holder of the API key when it sends the right one, else its IP address (an IPv6 client by its /64 prefix).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api:RateLimit";

    /// <summary>Requests one client may send per <see cref="Window"/>; 0 turns the limit off. Default 1000.</summary>
    [Range(0, 10_000_000, ErrorMessage = "Api:RateLimit:PermitLimit must be between 0 (off) and 10,000,000.")]
    public int PermitLimit { get; set; } = 1000;

    /// <summary>The fixed window the permits are counted in. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Api:RateLimit:Window must be between 10 ms and 1 hour.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests over the limit that wait for the next window instead of getting 429 at once. Default 0.</summary>
    [Range(0, 10_000, ErrorMessage = "Api:RateLimit:QueueLimit must be between 0 and 10,000.")]
    public int QueueLimit { get; set; }

    /// <summary>True when the limit applies.</summary>
    public bool Enabled => PermitLimit > 0;
}
