using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Streaming.Log.Postgres;

/// <summary>Settings of the PostgreSQL stream log (configuration section "Streams:Postgres").</summary>
public sealed class PostgresStreamLogOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Streams:Postgres";

    /// <summary>
    /// How often a waiting consumer looks for records appended by other processes (appends in this process wake it
    /// at once). Default 100 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "PollInterval must be between 1 ms and 1 minute.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Records older than this are removed by retention; null (default) keeps everything.</summary>
    public TimeSpan? RetentionAge { get; set; }
}
