namespace StreamOrleans.Benchmarks.Soak;

/// <summary>One sample of the soak.</summary>
/// <param name="Seconds">Time since the paced load started.</param>
/// <param name="RssMb">Resident set size of the process (silo, log, storage and producer), MiB.</param>
/// <param name="GcHeapMb">Managed heap size after the last collection, MiB.</param>
/// <param name="Gen2LiveMb">Managed bytes that survived the latest gen2 collection (the live set), MiB.</param>
/// <param name="GcCommittedMb">Memory the GC has committed (heap, free regions it keeps, bookkeeping), MiB: most of RSS.</param>
/// <param name="Gen2Collections">Gen2 collections since the process started.</param>
/// <param name="LogDiskMb">The log's database file, MiB.</param>
/// <param name="LogWalMb">The log's write-ahead log and shared-memory files, MiB.</param>
/// <param name="StateDiskMb">The grain-state database's files, MiB.</param>
/// <param name="Produced">Events produced since the start of the run (including the max-rate rounds).</param>
/// <param name="Applied">Events the consumer grains applied (delivery returned, state written) since the start.</param>
/// <param name="LogRecords">Records the log holds (end - start offset over the partitions).</param>
/// <param name="LogRecordsDeleted">Records retention has deleted so far (sum of the partitions' start offsets).</param>
/// <param name="LoadAverage">The machine's 1-minute load average.</param>
internal sealed record SoakSample(
    double Seconds,
    double RssMb,
    double GcHeapMb,
    double Gen2LiveMb,
    double GcCommittedMb,
    int Gen2Collections,
    double LogDiskMb,
    double LogWalMb,
    double StateDiskMb,
    long Produced,
    long Applied,
    long LogRecords,
    long LogRecordsDeleted,
    double? LoadAverage)
{
    /// <summary>Produced but not yet applied.</summary>
    public long Lag => Produced - Applied;

    /// <summary>Log and grain-state files together, MiB.</summary>
    public double DiskMb => LogDiskMb + LogWalMb + StateDiskMb;

    /// <summary>
    /// The files without the log's WAL, MiB. SQLite reuses a WAL file from its start after a checkpoint without
    /// shrinking it (down to journal_size_limit, 64 MiB): the file keeps the high-water mark of one checkpoint
    /// interval, a step rather than growth, so it is bounded by its own cap instead.
    /// </summary>
    public double DatabasesMb => LogDiskMb + StateDiskMb;

    public override string ToString() =>
        $"{Seconds,5:N0} s  rss {RssMb,7:N1} MiB  heap {GcHeapMb,6:N1} MiB (live {Gen2LiveMb,6:N1}, committed {GcCommittedMb,6:N1})  gen2 {Gen2Collections,4}  disk {DiskMb,7:N1} MiB (log {LogDiskMb:N1} + wal {LogWalMb:N1}, state {StateDiskMb:N1})  " +
        $"produced {Produced,11:N0}  applied {Applied,11:N0}  lag {Lag,7:N0}  log holds {LogRecords,10:N0} (deleted {LogRecordsDeleted:N0})  load {LoadAverage:N2}";
}
