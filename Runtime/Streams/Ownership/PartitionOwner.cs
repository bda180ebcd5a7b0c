namespace StreamOrleans.Runtime.Streams.Ownership;

/// <summary>The member that owns a partition, as the API needs it to forward a request.</summary>
/// <param name="MemberId">The owner's member id.</param>
/// <param name="Address">The owner's advertised API base address (for example "http://10.0.0.5:8080"), when it has one.</param>
/// <param name="IsLocal">True when the owner is this process.</param>
public sealed record PartitionOwner(string MemberId, Uri? Address, bool IsLocal);
