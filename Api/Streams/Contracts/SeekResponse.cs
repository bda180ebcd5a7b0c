namespace StreamOrleans.Api.Streams.Contracts;

/// <summary>The group's new committed offsets on the topic.</summary>
public sealed record SeekResponse(string Topic, string Group, bool ResetState, IReadOnlyList<PartitionOffset> Offsets);
