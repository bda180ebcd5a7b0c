namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>Settings of <see cref="SqliteStreamLog"/>. Every property has a documented default and range.</summary>
public sealed class SqliteStreamLogOptions
{
    /// <summary>File name used inside <see cref="DataDirectory"/> when <see cref="FilePath"/> is not set.</summary>
    public const string DefaultFileName = "streams.db";

    /// <summary>
    /// The database file. Default null: <c>&lt;DataDirectory&gt;/streams.db</c>. Its folder is created if missing.
    /// </summary>
    public string? FilePath { get; set; }

    /// <summary>Folder of the database file when <see cref="FilePath"/> is not set. Default <c>.data</c>.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Records older than this (by log-append time) are removed by retention. Default 7 days; positive, at most 100 years.</summary>
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Retention ages of single topics, replacing <see cref="RetentionAge"/> for them (e.g. camera frames, which cost
    /// megabytes per second). Default empty; each positive and at most 100 years.
    /// </summary>
    public Dictionary<string, TimeSpan> RetentionAgeByTopic { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per-partition size budget (key + value + header bytes); retention removes the oldest records beyond it.
    /// Default null (unbounded); when set, at least 1.
    /// </summary>
    public long? RetentionBytesPerPartition { get; set; }

    /// <summary>
    /// How often a waiting reader checks for appends made by OTHER processes on the same file (appends made through
    /// this instance wake waiters at once). Default 100 ms; 1 ms to 1 minute.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Durability of a commit. Default <see cref="SqliteSynchronousMode.Normal"/>: with WAL an acknowledged append
    /// survives a process crash or SIGKILL; use <see cref="SqliteSynchronousMode.Full"/> to also survive power loss.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>Reader connections kept open for reuse (more may open under load and are closed after use). Default 4; 1 to 64.</summary>
    public int ReaderPoolSize { get; set; } = 4;

    /// <summary>How long a statement waits for another process's lock on the file before failing. Default 30 s; 1 ms to 10 minutes.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most records one retention transaction deletes before it lets appends in again, so retention never holds the
    /// single writer for long. Default 50,000; 100 to 10,000,000.
    /// </summary>
    public int RetentionDeleteBatchSize { get; set; } = 50_000;

    /// <summary>
    /// Roughly how many bytes of appended data accumulate in the write-ahead log before a background checkpoint copies
    /// them into the database file (appends never checkpoint themselves). Default 16 MiB; 64 KiB to 1 GiB.
    /// </summary>
    public long CheckpointThresholdBytes { get; set; } = 16L << 20;

    /// <summary>
    /// SQLite page size in bytes, applied when the file is created (an existing file keeps its own). Default 8192:
    /// the records table is WITHOUT ROWID, whose rows stay in their B-tree page only up to about a quarter page
    /// (~1 KB at 4 KiB pages, ~2 KB at 8 KiB); measured here, 1.5 KB values took 4.9 KB of file per record and 3.5x
    /// the CPU at 4 KiB pages against 2.4 KB at 8 KiB, while 100-byte values cost the same. A power of two, 4096 to 65536.
    /// </summary>
    public int PageSize { get; set; } = 8192;

    /// <summary>The database file this configuration names (<see cref="FilePath"/> or <c>DataDirectory/streams.db</c>), as a full path.</summary>
    public string ResolveFilePath() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(FilePath) ? Path.Combine(DataDirectory, DefaultFileName) : FilePath);

    /// <summary>A copy of these settings.</summary>
    public SqliteStreamLogOptions Clone()
    {
        var copy = (SqliteStreamLogOptions)MemberwiseClone();
        copy.RetentionAgeByTopic = new Dictionary<string, TimeSpan>(RetentionAgeByTopic, StringComparer.Ordinal);
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(FilePath) && string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("Set SqliteStreamLogOptions.FilePath or SqliteStreamLogOptions.DataDirectory (both are empty).", nameof(DataDirectory));
        }

        Require(RetentionAge > TimeSpan.Zero && RetentionAge <= TimeSpan.FromDays(36_525), nameof(RetentionAge), RetentionAge, "must be positive and at most 100 years");
        foreach (var (topic, age) in RetentionAgeByTopic)
        {
            Require(age > TimeSpan.Zero && age <= TimeSpan.FromDays(36_525), $"{nameof(RetentionAgeByTopic)}[{topic}]", age, "must be positive and at most 100 years");
        }

        Require(RetentionBytesPerPartition is null or >= 1, nameof(RetentionBytesPerPartition), RetentionBytesPerPartition, "must be null (unbounded) or at least 1");
        Require(PollInterval >= TimeSpan.FromMilliseconds(1) && PollInterval <= TimeSpan.FromMinutes(1), nameof(PollInterval), PollInterval, "must be between 1 ms and 1 minute");
        Require(Enum.IsDefined(Synchronous), nameof(Synchronous), Synchronous, "must be Normal or Full");
        Require(ReaderPoolSize is >= 1 and <= 64, nameof(ReaderPoolSize), ReaderPoolSize, "must be between 1 and 64");
        Require(BusyTimeout >= TimeSpan.FromMilliseconds(1) && BusyTimeout <= TimeSpan.FromMinutes(10), nameof(BusyTimeout), BusyTimeout, "must be between 1 ms and 10 minutes");
        Require(CheckpointThresholdBytes is >= 64L << 10 and <= 1L << 30, nameof(CheckpointThresholdBytes), CheckpointThresholdBytes, "must be between 64 KiB and 1 GiB");
        Require(PageSize is >= 4096 and <= 65536 && (PageSize & (PageSize - 1)) == 0, nameof(PageSize), PageSize, "must be a power of two from 4096 to 65536");
        Require(RetentionDeleteBatchSize is >= 100 and <= 10_000_000, nameof(RetentionDeleteBatchSize), RetentionDeleteBatchSize, "must be between 100 and 10,000,000");
    }

    private static void Require(bool condition, string name, object? value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SqliteStreamLogOptions.{name} {rule} (got {value?.ToString() ?? "null"}).");
        }
    }
}
