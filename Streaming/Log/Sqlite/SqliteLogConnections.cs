using Microsoft.Data.Sqlite;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>Opens connections to the log's database file with the settings every connection needs.</summary>
internal static class SqliteLogConnections
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>Opens a connection: WAL journal, the configured synchronous mode and busy timeout.</summary>
    public static SqliteConnection Open(string filePath, SqliteStreamLogOptions options)
    {
        _ = NativeLibrary.Value;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The log keeps its own connections open; without pooling, disposing the log really closes the file.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };

        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var synchronous = options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
            Execute(connection, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");

            // Takes effect only on a new, empty file, so it must come before journal_mode (which initialises the file).
            Execute(connection, $"PRAGMA page_size = {options.PageSize};");
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, $"PRAGMA synchronous = {synchronous};");

            // After the WAL restarts, truncate its file to this size, so one burst does not leave a huge file behind.
            Execute(connection, "PRAGMA journal_size_limit = 67108864;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs one statement that returns nothing useful.</summary>
    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>Creates a command with named parameters (all initially null) and prepares it for reuse.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }
}
