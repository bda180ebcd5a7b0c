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

    /// <summary>Provider name of the embedded SQLite providers.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Provider name of the PostgreSQL providers (ConnectionStrings:Postgres).</summary>
    public const string Postgres = "Postgres";

    /// <summary>Provider name of the Kafka stream log (Streams:Kafka).</summary>
    public const string Kafka = "Kafka";

    /// <summary>Orleans' own Azure Event Hubs stream provider (settings "Streams:EventHubs").</summary>
    public const string EventHubs = "EventHubs";

    /// <summary>
    /// The stream log provider: "Sqlite" (default; a file of this machine), "Postgres" (tables in
    /// ConnectionStrings:Postgres), "Kafka" (Streams:Kafka) or "EventHubs" (Orleans' provider). Whatever the log,
    /// Orleans balances its queues (partitions) among the cluster's silos. See docs/scale-out.md.
    /// </summary>
    [AllowedValues(Sqlite, Postgres, Kafka, EventHubs, ErrorMessage = "Silo:LogProvider must be one of 'Sqlite', 'Postgres', 'Kafka', 'EventHubs'.")]
    public string LogProvider { get; set; } = Sqlite;

    /// <summary>The grain state provider: "Sqlite" (default) or "Postgres" (ConnectionStrings:Postgres; required by replicas).</summary>
    [AllowedValues(Sqlite, Postgres, ErrorMessage = "Silo:StateProvider must be one of 'Sqlite', 'Postgres'.")]
    public string StateProvider { get; set; } = Sqlite;
}
