using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Runtime.Configuration;

/// <summary>Stream consumption settings (configuration section "Streams").</summary>
public sealed class StreamingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Streams";

    /// <summary>Consumer group the silo's partition pumps commit under. Default "grains".</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConsumerGroup { get; set; } = "grains";

    /// <summary>Partitions of topics the silo creates (unless set per topic in <see cref="Topics"/>). Default 8.</summary>
    [Range(1, 1024, ErrorMessage = "DefaultPartitions must be between 1 and 1024.")]
    public int DefaultPartitions { get; set; } = 8;

    /// <summary>Per-topic settings by topic name (e.g. Streams:Topics:user-events:Partitions = 16).</summary>
    public Dictionary<string, TopicOptions> Topics { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A partition checkpoints its grains after this many events (N)... Default 1000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "CheckpointEvents must be between 1 and 10,000,000.")]
    public int CheckpointEvents { get; set; } = 1000;

    /// <summary>...or after this long (T), whichever comes first. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "CheckpointInterval must be between 1 ms and 1 hour.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Records read from the log per batch. Default 1000.</summary>
    [Range(1, 100_000, ErrorMessage = "ReadBatchSize must be between 1 and 100,000.")]
    public int ReadBatchSize { get; set; } = 1000;

    /// <summary>Times a grain may fail on one event before it is dead-lettered. Default 3.</summary>
    [Range(1, 100, ErrorMessage = "MaxDeliveryAttempts must be between 1 and 100.")]
    public int MaxDeliveryAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry; doubles after each failure. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "RetryBackoff must be between 0 and 10 minutes.")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Topic that receives records that could not be applied. Default "dead-letters".</summary>
    [Required(AllowEmptyStrings = false)]
    public string DeadLetterTopic { get; set; } = "dead-letters";

    /// <summary>How often the log's retention is applied. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RetentionInterval must be between 1 second and 1 day.")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Partition count for <paramref name="topic"/>.</summary>
    public int PartitionsFor(string topic) => Topics.TryGetValue(topic, out var t) && t.Partitions is { } p ? p : DefaultPartitions;
}
