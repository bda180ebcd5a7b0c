using Microsoft.Data.Sqlite;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>
/// The log's tables. <c>records</c> is clustered by (topic, partition, offset) (WITHOUT ROWID), so appends go to
/// the end of a partition's key range and reads are range scans. <c>partitions.start_offset</c> is the oldest
/// retained offset; it is written only at topic creation and by retention, which is also what keeps a partition's
/// end offset known after retention removed every record (end = max(MAX(record_offset) + 1, start_offset)).
/// <c>timestamp</c> (log-append time, unix ms) and <c>bytes_through</c> (running total of key + value + header bytes
/// in the partition, through this record) are both monotonic in the offset, so time and size retention and
/// <see cref="IStreamLog.FindOffsetAsync"/> are binary searches over the primary key rather than indexes or scans.
/// </summary>
internal static class SqliteLogSchema
{
    /// <summary>The schema version this code writes. Later versions add migrations in <see cref="Create"/>.</summary>
    public const int CurrentVersion = 1;

    private const string Version1 = """
        CREATE TABLE IF NOT EXISTS topics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            partitions INTEGER NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS partitions (
            topic_id INTEGER NOT NULL,
            partition_id INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            PRIMARY KEY (topic_id, partition_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS records (
            topic_id INTEGER NOT NULL,
            partition_id INTEGER NOT NULL,
            record_offset INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            bytes_through INTEGER NOT NULL,
            key TEXT NOT NULL,
            value BLOB NOT NULL,
            headers BLOB NOT NULL,
            PRIMARY KEY (topic_id, partition_id, record_offset)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS consumer_offsets (
            group_name TEXT NOT NULL,
            topic_id INTEGER NOT NULL,
            partition_id INTEGER NOT NULL,
            next_offset INTEGER NOT NULL,
            committed_at INTEGER NOT NULL,
            PRIMARY KEY (topic_id, group_name, partition_id)) WITHOUT ROWID;
        """;

    /// <summary>Creates the tables if missing and records the version; refuses a file written by a newer version.</summary>
    public static void Create(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        SqliteLogConnections.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", transaction);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT MAX(version) FROM schema_version;";
        var found = read.ExecuteScalar() is long v ? (int)v : 0;
        if (found > CurrentVersion)
        {
            throw new NotSupportedException(
                $"The stream log file '{connection.DataSource}' has schema version {found}, newer than this build supports ({CurrentVersion}).");
        }

        if (found < 1)
        {
            SqliteLogConnections.Execute(connection, Version1, transaction);
            SqliteLogConnections.Execute(connection, $"INSERT INTO schema_version (version) VALUES ({CurrentVersion});", transaction);
        }

        transaction.Commit();
    }
}
