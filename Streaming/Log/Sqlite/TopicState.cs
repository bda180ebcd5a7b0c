namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>What the log keeps in memory about one topic.</summary>
internal sealed class TopicState
{
    public TopicState(long id, TopicInfo info)
    {
        Id = id;
        Info = info;
        Signals = new PartitionSignal[info.Partitions];
        for (var i = 0; i < Signals.Length; i++)
        {
            Signals[i] = new PartitionSignal(0);
        }

        NextOffsets = new long[info.Partitions];
        LastTimestamps = new long[info.Partitions];
        BytesThrough = new long[info.Partitions];
    }

    /// <summary>Row id in the <c>topics</c> table.</summary>
    public long Id { get; }

    public TopicInfo Info { get; }

    public int Partitions => Info.Partitions;

    /// <summary>Per-partition end offsets for waiters.</summary>
    public PartitionSignal[] Signals { get; }

    /// <summary>Writer-only (under the write lock): the offset the next append to each partition gets.</summary>
    public long[] NextOffsets { get; }

    /// <summary>Writer-only: the timestamp (unix ms) of each partition's last record, to keep timestamps monotonic.</summary>
    public long[] LastTimestamps { get; }

    /// <summary>Writer-only: each partition's running byte total through its last record (see the records table).</summary>
    public long[] BytesThrough { get; }

    /// <summary>
    /// Writer-only: the writer generation <see cref="NextOffsets"/> was loaded at; a different generation means
    /// another process may have appended since, so the writer reloads them from the file.
    /// </summary>
    public long LoadedGeneration { get; set; } = -1;
}
