namespace StreamOrleans.Runtime.Streams.Ownership;

/// <summary>
/// This process's advertised API base address, which other replicas forward requests to. Set from configuration
/// (Streams:Ownership:AdvertisedAddress) or, when that is empty, by the API once its server listens.
/// </summary>
public sealed class MemberAddress
{
    private Uri? _value;

    /// <summary>The address, or null while unknown (a silo without an API, or an API not listening yet).</summary>
    public Uri? Value
    {
        get => Volatile.Read(ref _value);
        set => Volatile.Write(ref _value, value);
    }

    /// <summary>The API key replicas present when they call each other (the Api sets it from Api:ApiKey); null when none.</summary>
    public string? ApiKey { get; set; }
}
