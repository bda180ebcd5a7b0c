using StreamOrleans.Streaming.Log.Sqlite;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

/// <summary>A fresh temporary folder for one test's log file, deleted (with the WAL and shm files) on dispose.</summary>
public sealed class SqliteLogTestDirectory : IDisposable
{
    public SqliteLogTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "streamorleans-sqlite-log-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Options naming this folder, with an optional tweak.</summary>
    public SqliteStreamLogOptions Options(Action<SqliteStreamLogOptions>? configure = null)
    {
        var options = new SqliteStreamLogOptions { DataDirectory = Path };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Opens a log on this folder's file.</summary>
    public SqliteStreamLog Open(TimeProvider? timeProvider = null, Action<SqliteStreamLogOptions>? configure = null) =>
        new(Options(configure), timeProvider ?? TimeProvider.System);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A still-open handle on some platforms; the OS temp cleaner gets it.
        }
    }
}
