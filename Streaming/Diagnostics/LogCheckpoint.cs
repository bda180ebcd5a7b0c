namespace StreamOrleans.Streaming.Diagnostics;

/// <summary>A committed queue offset: every record of the partition before <paramref name="Offset"/> was applied.</summary>
public sealed record LogCheckpoint(string Provider, string Topic, int Partition, long Offset);
