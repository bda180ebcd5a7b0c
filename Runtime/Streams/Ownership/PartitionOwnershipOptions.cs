using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Runtime.Streams.Ownership;

/// <summary>Settings of partition ownership among replicas (configuration section "Streams:Ownership").</summary>
public sealed class PartitionOwnershipOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Streams:Ownership";

    /// <summary>
    /// How often a member looks at the group (live members, desired assignment) and moves partitions. A SIGKILLed
    /// replica's partitions are taken over within about one interval. Default 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "RebalanceInterval must be between 50 ms and 1 minute.")]
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>This member's id; default "{machine}-{process id}-{random}". Must be unique among live replicas.</summary>
    public string? MemberId { get; set; }

    /// <summary>
    /// The base address other replicas use to forward API requests to this one (for example "http://10.0.0.5:8080");
    /// default: the address the API listens on.
    /// </summary>
    public Uri? AdvertisedAddress { get; set; }
}
