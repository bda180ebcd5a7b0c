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
}
