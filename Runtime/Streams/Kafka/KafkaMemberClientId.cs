namespace StreamOrleans.Runtime.Streams.Kafka;

/// <summary>
/// Carries a replica's member id and advertised API address in its group consumer's client.id, the one piece of a
/// member's description that other members can read from the group coordinator (Kafka's member id is assigned by the
/// broker and its subscription user data cannot be set through librdkafka). Format:
/// <c>{ClientId}-member|{memberId}|{address}</c>, address empty when unknown.
/// </summary>
/// <remarks>
/// Limits: the address is fixed when the consumer joins (StartAsync), so it must be known by then (configuration
/// Streams:Ownership:AdvertisedAddress); it is visible in broker logs and metrics; brokers that restrict client.id
/// characters (none known) would need a different carrier.
/// </remarks>
public static class KafkaMemberClientId
{
    private const char Separator = '|';

    /// <summary>The client.id for a member.</summary>
    public static string Format(string clientIdPrefix, string memberId, Uri? address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientIdPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        if (memberId.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A member id must not contain '{Separator}' (got '{memberId}').", nameof(memberId));
        }

        return $"{clientIdPrefix}-member{Separator}{memberId}{Separator}{address?.AbsoluteUri ?? ""}";
    }

    /// <summary>Reads a client.id written by <see cref="Format"/>; false for any other client.id.</summary>
    public static bool TryParse(string? clientId, out string memberId, out Uri? address)
    {
        memberId = "";
        address = null;
        var parts = clientId?.Split(Separator);
        if (parts is not { Length: 3 } || !parts[0].EndsWith("-member", StringComparison.Ordinal) || parts[1].Length == 0)
        {
            return false;
        }

        memberId = parts[1];
        if (parts[2].Length > 0 && Uri.TryCreate(parts[2], UriKind.Absolute, out var parsed))
        {
            address = parsed;
        }

        return true;
    }
}
