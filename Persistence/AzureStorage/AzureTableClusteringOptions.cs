using System.Text.RegularExpressions;

namespace StreamOrleans.Persistence.AzureStorage;

/// <summary>
/// Cluster membership in Azure Table storage ("Cluster:AzureTable"), through Orleans' Microsoft.Orleans.Clustering.AzureStorage:
/// one row per silo incarnation and a version row per cluster, in <see cref="TableName"/>.
/// </summary>
public sealed partial class AzureTableClusteringOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Cluster:AzureTable";

    /// <summary>Connection string of the storage account (or set <see cref="ServiceUri"/> for a managed identity).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service endpoint, e.g. "https://myaccount.table.core.windows.net", reached with the managed identity.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The membership table; created if missing. Default "OrleansSiloInstances" (Orleans' own default).</summary>
    public string TableName { get; set; } = "OrleansSiloInstances";

    /// <summary>Every problem with these settings, each naming the setting and what would be accepted; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = AzureStorageEndpoint.Validate(SectionName, ConnectionString, ServiceUri, "table").ToList();
        if (string.IsNullOrEmpty(TableName) || !TableNamePattern().IsMatch(TableName))
        {
            errors.Add($"{SectionName}:TableName must be 3-63 letters or digits starting with a letter (got '{TableName}')");
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
