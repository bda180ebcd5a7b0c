namespace StreamOrleans.Streaming.Log;

/// <summary>Where an appended record landed.</summary>
public readonly record struct AppendResult(int Partition, long Offset);
