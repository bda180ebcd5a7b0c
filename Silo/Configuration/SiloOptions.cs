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

    /// <summary>
    /// The stream log provider. This build has the embedded one only: "Sqlite" (default). PostgreSQL and Kafka logs are
    /// issue 7; asking for them stops the host at start rather than silently running on the embedded log.
    /// </summary>
    [AllowedValues("Sqlite", ErrorMessage = "Silo:LogProvider must be 'Sqlite': the Postgres and Kafka stream logs are not in this build yet (issue 7).")]
    public string LogProvider { get; set; } = "Sqlite";

    /// <summary>The grain state provider: "Sqlite" (default), the only one in this build (PostgreSQL is issue 7).</summary>
    [AllowedValues("Sqlite", ErrorMessage = "Silo:StateProvider must be 'Sqlite': the Postgres state provider is not in this build yet.")]
    public string StateProvider { get; set; } = "Sqlite";
}
