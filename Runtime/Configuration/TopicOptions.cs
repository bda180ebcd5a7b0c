using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Runtime.Configuration;

/// <summary>Settings of one topic.</summary>
public sealed class TopicOptions
{
    /// <summary>Partition count used when the silo creates the topic; null uses Streams:DefaultPartitions.</summary>
    [Range(1, 1024, ErrorMessage = "Partitions must be between 1 and 1024.")]
    public int? Partitions { get; set; }
}
