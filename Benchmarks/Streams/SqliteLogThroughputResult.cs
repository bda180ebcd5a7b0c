namespace StreamOrleans.Benchmarks.Streams;

/// <summary>What one <see cref="SqliteLogThroughput"/> run measured.</summary>
/// <param name="Records">Records appended (and then read back).</param>
/// <param name="BatchSize">Records per append batch and per read.</param>
/// <param name="ValueBytes">Bytes per record value.</param>
/// <param name="Partitions">Partitions of the benchmark topic.</param>
/// <param name="Synchronous">SQLite synchronous mode used.</param>
/// <param name="AppendSeconds">Wall time of all appends.</param>
/// <param name="AppendRecordsPerSecond">Append throughput.</param>
/// <param name="AppendRecordsPerCpuSecond">Records appended per second of process CPU time (steadier than wall time on a busy machine).</param>
/// <param name="ReadSeconds">Wall time of reading everything back, partition by partition.</param>
/// <param name="ReadRecordsPerSecond">Read throughput.</param>
/// <param name="ReadRecordsPerCpuSecond">Records read per second of process CPU time.</param>
/// <param name="ConcurrentRecordsPerSecond">Append throughput while one reader per partition tails the log (records appended per second).</param>
/// <param name="FileBytes">Size of the database file and its WAL after the run.</param>
public sealed record SqliteLogThroughputResult(
    int Records,
    int BatchSize,
    int ValueBytes,
    int Partitions,
    string Synchronous,
    double AppendSeconds,
    double AppendRecordsPerSecond,
    double AppendRecordsPerCpuSecond,
    double ReadSeconds,
    double ReadRecordsPerSecond,
    double ReadRecordsPerCpuSecond,
    double ConcurrentRecordsPerSecond,
    long FileBytes);
