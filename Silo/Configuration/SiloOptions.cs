using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Silo.Configuration;

/// <summary>Host-level settings (configuration section "Silo").</summary>
public sealed class SiloOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Silo";

    /// <summary>
    /// Folder of the embedded providers' files (streams.db, grains.db), relative to the working directory.
    /// Default ".data". Created if missing.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>
    /// When true, the silo prints one line per committed checkpoint to standard output
    /// ("checkpoint TOPIC PARTITION OFFSET"); used by tools and crash tests to follow progress. Default false.
    /// </summary>
    public bool ReportCheckpoints { get; set; }

    /// <summary>How often the stream log's retention runs (records past their topic's retention age are deleted). Default 1 minute; 1 second to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Silo:RetentionInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Default retention age of the camera frame topics (frames, frames-annotated) in the embedded log: 15 minutes.</summary>
    public static readonly TimeSpan FrameRetention = TimeSpan.FromMinutes(15);

    /// <summary>Provider name of the embedded SQLite providers.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Provider name of the PostgreSQL providers (ConnectionStrings:Postgres).</summary>
    public const string Postgres = "Postgres";

    /// <summary>Provider name of the Kafka stream log (Streams:Kafka).</summary>
    public const string Kafka = "Kafka";

    /// <summary>Orleans' own Azure Event Hubs stream provider (Silo:Engine=Orleans only; settings "Streams:EventHubs").</summary>
    public const string EventHubs = "EventHubs";

    /// <summary>
    /// The stream log provider: "Sqlite" (default; one process owns every partition), "Postgres" (tables in
    /// ConnectionStrings:Postgres; replicas share partitions through advisory locks) or "Kafka" (Streams:Kafka; replicas
    /// share partitions through the consumer group). See docs/scale-out.md.
    /// </summary>
    [AllowedValues(Sqlite, Postgres, Kafka, EventHubs, ErrorMessage = "Silo:LogProvider must be one of 'Sqlite', 'Postgres', 'Kafka', 'EventHubs'.")]
    public string LogProvider { get; set; } = Sqlite;

    /// <summary>The grain state provider: "Sqlite" (default) or "Postgres" (ConnectionStrings:Postgres; required by replicas).</summary>
    [AllowedValues(Sqlite, Postgres, ErrorMessage = "Silo:StateProvider must be one of 'Sqlite', 'Postgres'.")]
    public string StateProvider { get; set; } = Sqlite;
}
