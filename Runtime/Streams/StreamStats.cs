namespace StreamOrleans.Runtime.Streams;

/// <summary>Counters of the stream pipeline in this process (read by the API and, later, exported as metrics).</summary>
public sealed class StreamStats
{
    private long _applied;
    private long _checkpoints;
    private long _lastAppliedTimestampMs;

    /// <summary>Events applied by grains since start.</summary>
    public long EventsApplied => Interlocked.Read(ref _applied);

    /// <summary>Partition checkpoints completed (state persisted, offset committed) since start.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Log-append time (unix ms) of the most recently applied event.</summary>
    public long LastAppliedTimestampMs => Interlocked.Read(ref _lastAppliedTimestampMs);

    /// <summary>
    /// Time from a record's log-append timestamp to the end of the grain turn that applied it. The log stores
    /// timestamps in whole milliseconds, so values carry up to 1 ms of truncation.
    /// </summary>
    public LatencyHistogram IngestToApplied { get; } = new();

    /// <summary>Raised after each committed checkpoint (topic, partition, committed offset). Handlers must be quick.</summary>
    public event Action<string, int, long>? CheckpointCommitted;

    /// <summary>
    /// Raised after partitions were assigned to or revoked from this process, with the partitions it owns now (a topic
    /// consumed whole appears as its partition 0). Handlers must be quick.
    /// </summary>
    public event Action<IReadOnlyCollection<Ownership.TopicPartition>>? OwnershipChanged;

    internal void RecordOwnership(IReadOnlyCollection<Ownership.TopicPartition> owned) => OwnershipChanged?.Invoke(owned);

    internal void RecordApplied(LogRecord record, DateTimeOffset now)
    {
        Interlocked.Increment(ref _applied);
        IngestToApplied.Record(now - record.Timestamp);
        Interlocked.Exchange(ref _lastAppliedTimestampMs, record.Timestamp.ToUnixTimeMilliseconds());
    }

    internal void RecordCheckpoint(string topic, int partition, long offset)
    {
        Interlocked.Increment(ref _checkpoints);
        CheckpointCommitted?.Invoke(topic, partition, offset);
    }
}
