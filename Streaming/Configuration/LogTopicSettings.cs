namespace StreamOrleans.Streaming.Configuration;

/// <summary>Settings of one topic from configuration ("Streams:Topics:{topic}").</summary>
public sealed class LogTopicSettings
{
    /// <summary>Partitions of the topic; unset takes Streams:DefaultPartitions.</summary>
    public int? Partitions { get; set; }
}
