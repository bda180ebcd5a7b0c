using System.Collections.Concurrent;

namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>
/// Reader connections for reuse: a caller rents one, uses it alone, and returns it. Up to the pool size stay open;
/// extra ones opened under a burst are closed when returned.
/// </summary>
internal sealed class SqliteLogReaderPool : IDisposable
{
    private readonly ConcurrentBag<SqliteLogReader> _idle = [];
    private readonly string _filePath;
    private readonly SqliteStreamLogOptions _options;
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteLogReaderPool(string filePath, SqliteStreamLogOptions options)
    {
        _filePath = filePath;
        _options = options;
    }

    /// <summary>Runs <paramref name="action"/> on a rented reader.</summary>
    public T Use<T>(Func<SqliteLogReader, T> action)
    {
        var reader = Rent();
        try
        {
            return action(reader);
        }
        finally
        {
            Return(reader);
        }
    }

    /// <summary>Runs <paramref name="action"/> on a rented reader, passing <paramref name="state"/> (avoids a closure).</summary>
    public T Use<TState, T>(TState state, Func<SqliteLogReader, TState, T> action)
    {
        var reader = Rent();
        try
        {
            return action(reader, state);
        }
        finally
        {
            Return(reader);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }

    private SqliteLogReader Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        return new SqliteLogReader(_filePath, _options);
    }

    private void Return(SqliteLogReader reader)
    {
        if (_disposed)
        {
            reader.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > _options.ReaderPoolSize)
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
            return;
        }

        _idle.Add(reader);
        if (_disposed)
        {
            // Disposed while we were adding: drain again so this reader is closed too.
            Dispose();
        }
    }
}
