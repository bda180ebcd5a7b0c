namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>The partition and offset an event was appended at.</summary>
public sealed record AppendedEvent(int Partition, long Offset);
