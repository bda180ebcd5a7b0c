using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace StreamOrleans.Streaming.Configuration;

/// <summary>
/// Options of the log stream provider (<c>AddStreamOrleansLog</c>), bound from "Streams" plus code. Every value has a
/// documented default and a validated range; a bad value stops the silo at start-up naming the setting.
/// </summary>
public sealed class LogStreamOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Streams";

    /// <summary>The consumer group whose committed offsets the provider reads and writes. Default "grains".</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,128}$", ErrorMessage = "ConsumerGroup must be 1-128 characters of letters, digits, '.', '_' or '-'.")]
    public string ConsumerGroup { get; set; } = "grains";

    /// <summary>Partitions of a topic that does not name its own. Default 8.</summary>
    [Range(1, 1024, ErrorMessage = "DefaultPartitions must be between 1 and 1024.")]
    public int DefaultPartitions { get; set; } = 8;

    /// <summary>The topics the provider carries (topic = stream namespace) and their event types. Set in code by the host.</summary>
    [ConfigurationKeyName("TopicRegistrations")]
    public List<LogTopic> Topics { get; } = [];

    /// <summary>Per-topic settings from configuration ("Streams:Topics:{topic}:Partitions").</summary>
    [ConfigurationKeyName("Topics")]
    public Dictionary<string, LogTopicSettings> TopicSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>Most records read from the log at once per queue. Default 1000.</summary>
    [Range(1, 100_000, ErrorMessage = "ReadBatchSize must be between 1 and 100000.")]
    public int ReadBatchSize { get; set; } = 1000;

    /// <summary>Most events of one stream handed to its consumer in one delivery (one grain call). Default 256.</summary>
    [Range(1, 100_000, ErrorMessage = "MaxEventsPerDelivery must be between 1 and 100000.")]
    public int MaxEventsPerDelivery { get; set; } = 256;

    /// <summary>
    /// Records a queue may hold that are not yet delivered to (and persisted by) every consumer; beyond it the queue
    /// stops reading (back-pressure on that queue only). Default 16384.
    /// </summary>
    [Range(16, 10_000_000, ErrorMessage = "MaxCachedEvents must be between 16 and 10000000.")]
    public int MaxCachedEvents { get; set; } = 16_384;

    /// <summary>A queue's offset is committed after this many records were delivered since the last commit. Default 1000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "CheckpointEvents must be between 1 and 10000000.")]
    public int CheckpointEvents { get; set; } = 1000;

    /// <summary>...or after this much time with progress to commit. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "CheckpointInterval must be between 1 ms and 10 min.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often a queue with nothing new is read again (Orleans' pulling-agent timer). Under load reads follow each
    /// other without waiting; this bounds the latency of the first record after a quiet spell. Default 10 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "PollInterval must be between 1 ms and 1 min.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a read of an empty queue waits for an append before it returns (wake on append: the SQLite and
    /// PostgreSQL logs signal appends of this process at once, the Kafka log as its fetch returns). 0 turns the wait
    /// off, leaving <see cref="PollInterval"/> as the latency of a quiet queue. Default 50 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05", ErrorMessage = "ReadWait must be between 0 and 5 s.")]
    public TimeSpan ReadWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long Orleans retries (with backoff) a delivery that keeps failing before the provider dead-letters its
    /// records and the stream moves on. Default 2 min: several times Orleans' 30 s response timeout, so a delivery that
    /// timed out because the silo or its storage was overloaded is tried again (replays are skipped) rather than
    /// dead-lettered: a record that is merely late is not poison. Poison records fail inside the consumer and are
    /// dead-lettered there, with their exception, after 3 attempts.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "MaxDeliveryTime must be between 10 ms and 1 h.")]
    public TimeSpan MaxDeliveryTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a stopping silo lets each of its queues deliver and commit what it has read, before Orleans stops the
    /// pulling agents (a clean stop leaves nothing to replay). 0 turns the drain off. Default 10 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "DrainOnStop must be between 0 (off) and 5 min.")]
    public TimeSpan DrainOnStop { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the log's retention runs (age and size limits of the SQLite and PostgreSQL logs, e.g.
    /// "Streams:Sqlite:RetentionAge" and its per-topic ages). 0 turns it off. Default 1 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "RetentionInterval must be between 0 (off) and 1 day.")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The topic undecodable, invalid and undeliverable records go to. Default "dead-letters".</summary>
    [Required]
    public string DeadLetterTopic { get; set; } = "dead-letters";

    /// <summary>The partition count of <paramref name="topic"/>.</summary>
    public int PartitionsOf(LogTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.Partitions ?? (TopicSettings.TryGetValue(topic.Name, out var settings) ? settings.Partitions : null) ?? DefaultPartitions;
    }
}
