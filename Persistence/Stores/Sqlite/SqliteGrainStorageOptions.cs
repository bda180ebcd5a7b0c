using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Persistence.Stores.Sqlite;

/// <summary>Settings of the embedded grain-state store (configuration section "Storage:Sqlite").</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage:Sqlite";

    /// <summary>Database file. Default "grains.db" under the silo's data directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string FilePath { get; set; } = "grains.db";

    /// <summary>
    /// SQLite synchronous mode. NORMAL (default) with WAL keeps every committed write across a process crash
    /// (kill -9); FULL also across power loss, at a cost per commit.
    /// </summary>
    [RegularExpression("^(NORMAL|FULL)$", ErrorMessage = "Synchronous must be NORMAL or FULL.")]
    public string Synchronous { get; set; } = "NORMAL";

    /// <summary>Most writes committed in one transaction by the group-commit writer. Default 2000.</summary>
    [Range(1, 100_000, ErrorMessage = "MaxWritesPerCommit must be between 1 and 100,000.")]
    public int MaxWritesPerCommit { get; set; } = 2000;
}
