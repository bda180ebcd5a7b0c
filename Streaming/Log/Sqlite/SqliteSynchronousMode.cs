namespace StreamOrleans.Streaming.Log.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> setting, as it applies to a database in WAL mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// The WAL is fsynced only at checkpoints. A committed append survives a crash or kill of the process (the
    /// operating system still holds the written pages) but the last transactions may be lost on power failure.
    /// </summary>
    Normal = 1,

    /// <summary>The WAL is fsynced at every commit: a committed append also survives power loss. Slower.</summary>
    Full = 2,
}
