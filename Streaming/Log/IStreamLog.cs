namespace StreamOrleans.Streaming.Log;

/// <summary>
/// A partitioned, durable, append-only log of records: the contract every stream provider implements
/// (the embedded SQLite log, and later PostgreSQL and Kafka). Modelled on Kafka's topic/partition/offset
/// semantics: a record's partition is <see cref="StreamPartitioner.GetPartition"/> of its key, offsets are dense
/// per partition starting at 0, and consumer groups keep one committed offset per partition.
/// </summary>
/// <remarks>
/// Offsets follow Kafka's convention: a committed offset is the offset of the <em>next</em> record the group
/// will read, and a partition's end offset is the offset the next appended record will get.
/// </remarks>
public interface IStreamLog
{
    /// <summary>Creates <paramref name="topic"/> with the given partition count, or returns the existing one.</summary>
    /// <exception cref="ArgumentException">The name is not a valid topic name (see <see cref="TopicName"/>).</exception>
    /// <exception cref="InvalidOperationException">The topic exists with a different partition count.</exception>
    ValueTask<TopicInfo> CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken = default);

    /// <summary>The topic's description, or null when it does not exist.</summary>
    ValueTask<TopicInfo?> GetTopicAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Every topic, ordered by name.</summary>
    ValueTask<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the records atomically (all or none) and durably: when the task completes the records survive a
    /// crash of the process. Each record goes to the partition of its key. Results are in input order.
    /// </summary>
    /// <exception cref="UnknownTopicException">The topic does not exist.</exception>
    ValueTask<IReadOnlyList<AppendResult>> AppendAsync(string topic, IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="maxRecords"/> records of one partition starting at <paramref name="fromOffset"/>
    /// (or at the partition's start offset if that is later, because retention removed older records), in offset
    /// order. Returns an empty list at the end of the partition; it does not wait.
    /// </summary>
    ValueTask<IReadOnlyList<LogRecord>> ReadAsync(string topic, int partition, long fromOffset, int maxRecords, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the partition's end offset is greater than <paramref name="offset"/> (a record at or after it
    /// exists), or when <paramref name="cancellationToken"/> is cancelled. Providers signal in-process appends at
    /// once and notice appends by other processes within their poll interval.
    /// </summary>
    ValueTask WaitForRecordsAsync(string topic, int partition, long offset, CancellationToken cancellationToken);

    /// <summary>Start (oldest retained) and end (next to be written) offsets of every partition of the topic.</summary>
    ValueTask<IReadOnlyList<PartitionOffsets>> GetOffsetsAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first offset of the partition whose record timestamp is at or after <paramref name="timestamp"/>; the end
    /// offset if there is none. Used to rewind a consumer group to a point in time.
    /// </summary>
    ValueTask<long> FindOffsetAsync(string topic, int partition, DateTimeOffset timestamp, CancellationToken cancellationToken = default);

    /// <summary>The group's committed offsets for the topic, one per partition (partitions never committed are absent).</summary>
    ValueTask<IReadOnlyDictionary<int, long>> GetCommittedOffsetsAsync(string group, string topic, CancellationToken cancellationToken = default);

    /// <summary>Every consumer group that has committed an offset for the topic.</summary>
    ValueTask<IReadOnlyList<string>> ListConsumerGroupsAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Durably stores the group's committed offset for one partition (the offset of the next record to read).</summary>
    ValueTask CommitAsync(string group, string topic, int partition, long offset, CancellationToken cancellationToken = default);

    /// <summary>Removes records older than the topic's retention age and beyond its retention size. Returns how many went.</summary>
    ValueTask<long> ApplyRetentionAsync(CancellationToken cancellationToken = default);
}
