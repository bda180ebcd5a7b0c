namespace StreamOrleans.Streaming.Log;

/// <summary>Where to move a consumer group: exactly one of an offset, a timestamp, the earliest or the latest record.</summary>
public sealed record SeekPosition
{
    /// <summary>An absolute offset (clamped to the retained range).</summary>
    public long? Offset { get; init; }

    /// <summary>The first record at or after this time.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The end of each partition (skip everything retained).</summary>
    public bool Latest { get; init; }

    /// <summary>The oldest retained record.</summary>
    public static SeekPosition Earliest { get; } = new();

    /// <summary>The end of each partition.</summary>
    public static SeekPosition End { get; } = new() { Latest = true };

    /// <summary>An absolute offset.</summary>
    public static SeekPosition At(long offset) => new() { Offset = offset };

    /// <summary>A point in time.</summary>
    public static SeekPosition AtTime(DateTimeOffset timestamp) => new() { Timestamp = timestamp };
}
