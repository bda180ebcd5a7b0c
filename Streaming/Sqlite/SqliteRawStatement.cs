using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StreamOrleans.Streaming.Sqlite;

/// <summary>
/// A prepared statement used through SQLite's C API (SQLitePCLRaw) on a Microsoft.Data.Sqlite connection's handle.
/// Used only on the hot paths (log append and range read, grain-state group commit): measured here, binding and stepping this way costs about
/// 2.5x less CPU per row than <see cref="SqliteCommand"/>, which re-resolves parameters by name on every execution.
/// Not thread-safe; owned by one connection wrapper.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Runs a statement with no results (BEGIN, COMMIT...) on the connection.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        var rc = raw.sqlite3_exec(connection.Handle!, sql);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle!);
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void Bind(int index, ReadOnlySpan<byte> blob) => Check(raw.sqlite3_bind_blob(_statement, index, blob));

    /// <summary>Steps once; true when a row is available, false when done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        // sqlite3_reset returns the same error and releases the statement's locks.
        raw.sqlite3_reset(_statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>Rows changed by the last INSERT, UPDATE or DELETE on the connection.</summary>
    public int Changes => raw.sqlite3_changes(_db);

    /// <summary>Resets the statement so it can run again (and ends its read snapshot). Bindings are kept.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

    public ReadOnlySpan<byte> GetBlob(int column) => raw.sqlite3_column_blob(_statement, column);

    public void Dispose() => raw.sqlite3_finalize(_statement);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
