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

    /// <summary>Default retention age of the camera frame topics (frames, frames-annotated) in the embedded log: 15 minutes.</summary>
    public static readonly TimeSpan FrameRetention = TimeSpan.FromMinutes(15);

    /// <summary>Provider name of the embedded SQLite providers.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Provider name of the PostgreSQL providers (ConnectionStrings:Postgres).</summary>
    public const string Postgres = "Postgres";

    /// <summary>Provider name of the Kafka stream log (Streams:Kafka).</summary>
    public const string Kafka = "Kafka";

    /// <summary>Orleans' own Azure Event Hubs stream provider (settings "Streams:EventHubs"; see docs/event-hubs.md).</summary>
    public const string EventHubs = "EventHubs";

    /// <summary>
    /// The stream provider: our log on "Sqlite" (default), "Postgres" (tables in ConnectionStrings:Postgres) or "Kafka"
    /// (Streams:Kafka, also Event Hubs' Kafka endpoint), whose queues Orleans balances across the silos; or "EventHubs",
    /// Orleans' own Event Hubs provider (Streams:EventHubs). See docs/scale-out.md and docs/event-hubs.md.
    /// </summary>
    [AllowedValues(Sqlite, Postgres, Kafka, EventHubs, ErrorMessage = "Silo:LogProvider must be one of 'Sqlite', 'Postgres', 'Kafka', 'EventHubs'.")]
    public string LogProvider { get; set; } = Sqlite;

    /// <summary>Orleans' Azure Blob storage provider for grain state (settings "Storage:AzureBlob").</summary>
    public const string AzureBlob = "AzureBlob";

    /// <summary>
    /// The grain state provider: "Sqlite" (default), "Postgres" (ConnectionStrings:Postgres) or "AzureBlob" (Storage:AzureBlob:
    /// ConnectionString or ServiceUri). Replicas on several machines need a shared one (Postgres or AzureBlob).
    /// </summary>
    [AllowedValues(Sqlite, Postgres, AzureBlob, ErrorMessage = "Silo:StateProvider must be one of 'Sqlite', 'Postgres', 'AzureBlob'.")]
    public string StateProvider { get; set; } = Sqlite;
}
