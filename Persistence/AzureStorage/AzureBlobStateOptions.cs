using System.Text.RegularExpressions;

namespace StreamOrleans.Persistence.AzureStorage;

/// <summary>
/// Grain state in Azure Blob storage ("Storage:AzureBlob"), through Orleans' Microsoft.Orleans.Persistence.AzureStorage:
/// one blob per grain state (<c>{state}-{grain id}.json</c>) in <see cref="ContainerName"/>, the blob's ETag as the
/// state's ETag (a stale write raises <c>InconsistentStateException</c>), readable JSON as our other stores write it.
/// </summary>
public sealed partial class AzureBlobStateOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage:AzureBlob";

    /// <summary>Connection string of the storage account (or set <see cref="ServiceUri"/> for a managed identity).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Blob service endpoint, e.g. "https://myaccount.blob.core.windows.net", reached with the managed identity.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The container of grain states; created if missing. Default "grainstate".</summary>
    public string ContainerName { get; set; } = "grainstate";

    /// <summary>
    /// How long one try of a Blob request may take before the client gives it up and tries again; the retry policy stays
    /// the Azure Storage SDK's (5 retries, exponential backoff from 0.8 s, about 25 s of backoff in all). Default 10 s
    /// instead of the SDK's 100 s: a grain state write is one small upload, and a request that hangs (a dead connection)
    /// then fails within about 1.5 min (6 tries), inside the streams' MaxDeliveryTime (2 min), so the grain's turn ends
    /// and Orleans retries the delivery instead of dead-lettering it; with 100 s one hung write could hold its grain for
    /// over 10 min.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these settings, each naming the setting and what would be accepted; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = AzureStorageEndpoint.Validate(SectionName, ConnectionString, ServiceUri, "blob").ToList();
        if (string.IsNullOrEmpty(ContainerName) || !ContainerNamePattern().IsMatch(ContainerName) || ContainerName.Contains("--", StringComparison.Ordinal))
        {
            errors.Add($"{SectionName}:ContainerName must be 3-63 lower-case letters, digits or single hyphens, starting and ending with a letter or digit (got '{ContainerName}')");
        }

        if (NetworkTimeout < TimeSpan.FromSeconds(1) || NetworkTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{SectionName}:NetworkTimeout must be between 00:00:01 and 00:10:00 (got '{NetworkTimeout}')");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerNamePattern();
}
