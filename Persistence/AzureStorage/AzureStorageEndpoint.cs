namespace StreamOrleans.Persistence.AzureStorage;

/// <summary>
/// How a provider reaches one service of an Azure Storage account: a connection string (keys or SAS; Azurite in
/// development), or the service's URI with the workload's Microsoft Entra identity (<c>DefaultAzureCredential</c>: the
/// managed identity in Azure Container Apps, selected by <c>AZURE_CLIENT_ID</c> when it is user-assigned; the developer's
/// az login elsewhere). Exactly one of the two is set.
/// </summary>
internal static class AzureStorageEndpoint
{
    /// <summary>The problems of a connection string / service URI pair, each naming the setting and what would be accepted.</summary>
    public static IEnumerable<string> Validate(string section, string? connectionString, Uri? serviceUri, string service)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(connectionString);
        if (hasConnectionString == (serviceUri is not null))
        {
            yield return $"set exactly one of {section}:ConnectionString (a storage account connection string, e.g. " +
                $"\"DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=...;EndpointSuffix=core.windows.net\") " +
                $"or {section}:ServiceUri (\"https://<account>.{service}.core.windows.net\", reached with the managed identity)" +
                (hasConnectionString ? ", not both" : "");
        }

        if (serviceUri is not null && (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp)))
        {
            yield return $"{section}:ServiceUri must be an absolute http(s) URI such as \"https://<account>.{service}.core.windows.net\" (got '{serviceUri}')";
        }
    }
}
