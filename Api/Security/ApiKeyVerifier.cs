using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Configuration;

namespace StreamOrleans.Api.Security;

/// <summary>
/// Checks values against Api:ApiKey. Both sides are hashed with SHA-256 and compared in constant time, so neither the
/// content nor the length of the key leaks through response timing. Also derives the browser token of the Orleans
/// dashboard: an HMAC of the key, so the cookie opens the dashboard only and never carries the key itself.
/// </summary>
public sealed class ApiKeyVerifier(IOptions<ApiOptions> options)
{
    private static readonly byte[] DashboardPurpose = "streamorleans:orleans-dashboard"u8.ToArray();

    private readonly byte[]? _key = options.Value.ApiKey is { } key ? Encoding.UTF8.GetBytes(key) : null;
    private readonly byte[]? _keyHash = options.Value.ApiKey is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    /// <summary>True when Api:ApiKey is set, so protected routes need it.</summary>
    public bool IsRequired => _key is not null;

    /// <summary>Whether <paramref name="given"/> is the configured key (always true when none is configured).</summary>
    public bool Matches(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return _keyHash is null || CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _keyHash);
    }

    /// <summary>The dashboard's browser token (base64url HMAC-SHA256 of a fixed purpose under the key); null without a key.</summary>
    public string? DashboardToken() => _key is null ? null : Base64Url(HMACSHA256.HashData(_key, DashboardPurpose));

    /// <summary>Whether <paramref name="given"/> is the dashboard's browser token.</summary>
    public bool MatchesDashboardToken(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        if (DashboardToken() is not { } expected)
        {
            return true;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
