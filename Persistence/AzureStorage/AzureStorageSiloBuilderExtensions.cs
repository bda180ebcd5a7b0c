using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Streaming.Rewind;

namespace StreamOrleans.Persistence.AzureStorage;

/// <summary>Registers Orleans' Azure Storage providers as StreamOrleans uses them: grain state in Blob storage, membership in Table storage.</summary>
public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>
    /// Grain state in Azure Blob storage (options "Storage:AzureBlob") as Orleans storage provider <paramref name="name"/>,
    /// written as readable JSON, and the state reset a rewind uses. Throws at once, naming every missing or bad setting.
    /// </summary>
    public static ISiloBuilder AddStreamOrleansAzureBlobStorage(this ISiloBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AzureBlobStateOptions.SectionName).Get<AzureBlobStateOptions>() ?? new AzureBlobStateOptions();
        ThrowIfInvalid(options.Validate(), $"grain storage '{name}' on Azure Blob storage");

        // One client (and credential) for the provider and the reset; the SDK clients are thread-safe and meant to be shared.
        var client = CreateBlobServiceClient(options);
        builder.AddAzureBlobGrainStorage(name, o =>
        {
            o.BlobServiceClient = client;
            o.ContainerName = options.ContainerName;
            o.GrainStorageSerializer = new WebJsonGrainStorageSerializer();
        });
        builder.Services.AddSingleton<IStreamStateReset>(new AzureBlobStreamStateReset(client.GetBlobContainerClient(options.ContainerName)));
        return builder;
    }

    /// <summary>
    /// Cluster membership in Azure Table storage (options "Cluster:AzureTable"). Throws at once, naming every missing or
    /// bad setting. The membership tuning (how fast a dead silo is declared dead) is the caller's, as for every table.
    /// </summary>
    public static ISiloBuilder UseStreamOrleansAzureTableClustering(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AzureTableClusteringOptions.SectionName).Get<AzureTableClusteringOptions>() ?? new AzureTableClusteringOptions();
        ThrowIfInvalid(options.Validate(), "Azure Table clustering");

        return builder.UseAzureStorageClustering(o =>
        {
            o.TableServiceClient = CreateTableServiceClient(options.ConnectionString, options.ServiceUri);
            o.TableName = options.TableName;
        });
    }

    /// <summary>
    /// The Blob service client the settings describe (connection string, or URI with the managed identity), each try of a
    /// request bounded by <see cref="AzureBlobStateOptions.NetworkTimeout"/>.
    /// </summary>
    public static BlobServiceClient CreateBlobServiceClient(AzureBlobStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = BlobClientOptions(options);
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ConnectionString, clientOptions)
            : new BlobServiceClient(options.ServiceUri, new DefaultAzureCredential(), clientOptions);
    }

    /// <summary>The SDK's client options with our per-try timeout; the retry count and backoff stay the SDK's defaults.</summary>
    internal static BlobClientOptions BlobClientOptions(AzureBlobStateOptions options)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        return clientOptions;
    }

    /// <summary>The Table service client a connection string, or a URI with the managed identity, describes.</summary>
    public static TableServiceClient CreateTableServiceClient(string? connectionString, Uri? serviceUri) =>
        !string.IsNullOrWhiteSpace(connectionString)
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(serviceUri ?? throw new ArgumentNullException(nameof(serviceUri)), new DefaultAzureCredential());

    private static void ThrowIfInvalid(IReadOnlyList<string> errors, string what)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The {what} cannot start: {string.Join("; ", errors)}.");
        }
    }
}
