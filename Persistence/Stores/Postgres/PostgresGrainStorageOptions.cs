using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Persistence.Stores.Postgres;

/// <summary>Settings of the PostgreSQL grain-state store (configuration section "Storage:Postgres").</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage:Postgres";

    /// <summary>Most writes sent in one batch (one transaction, one round trip) by the group-commit writer. Default 1000.</summary>
    [Range(1, 100_000, ErrorMessage = "MaxWritesPerCommit must be between 1 and 100,000.")]
    public int MaxWritesPerCommit { get; set; } = 1000;
}
