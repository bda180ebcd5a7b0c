using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.EventHubs;

namespace StreamOrleans.Streaming.EventHubs;

/// <summary>
/// Settings of the Azure Event Hubs stream provider ("Streams:EventHubs"), Orleans' own Microsoft.Orleans.Streaming.EventHubs
/// with its checkpointer in Azure Table storage. The other path to Event Hubs is our log provider on Event Hubs' Kafka
/// endpoint (keeps rewind and our exactly-once checkpointing); docs/event-hubs.md compares the two.
/// </summary>
public sealed record EventHubsStreamOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Streams:EventHubs";

    /// <summary>Connection string of the Event Hubs namespace (or set <see cref="FullyQualifiedNamespace"/> for managed identity).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The namespace's host name (e.g. "myns.servicebus.windows.net"), reached with the workload's managed identity.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>The event hub every topic (stream namespace) travels in. Required.</summary>
    public string? EventHubName { get; set; }

    /// <summary>The consumer group the silos read with. Default "$Default".</summary>
    public string ConsumerGroup { get; set; } = "$Default";

    /// <summary>Connection string of the storage account whose Table service keeps the checkpoints (or set <see cref="CheckpointTableServiceUri"/>).</summary>
    public string? CheckpointConnectionString { get; set; }

    /// <summary>The Table service endpoint (e.g. "https://myaccount.table.core.windows.net"), reached with the managed identity.</summary>
    public Uri? CheckpointTableServiceUri { get; set; }

    /// <summary>The table of checkpoints. Default "streamcheckpoints".</summary>
    public string CheckpointTable { get; set; } = "streamcheckpoints";

    /// <summary>
    /// The Event Hubs connection these settings describe (the connection string, or the namespace with the workload's
    /// Microsoft Entra identity: <c>DefaultAzureCredential</c>, which picks a user-assigned managed identity by <c>AZURE_CLIENT_ID</c>).
    /// Creating it does not reach Azure; the first receive does.
    /// </summary>
    public EventHubConnection CreateConnection(EventHubConnectionOptions? connectionOptions = null) =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? new EventHubConnection(ConnectionString, EventHubName, connectionOptions)
            : new EventHubConnection(FullyQualifiedNamespace, EventHubName, new DefaultAzureCredential(), connectionOptions);

    /// <summary>The Table service client of the checkpoints (connection string, or service URI with the managed identity).</summary>
    public TableServiceClient CreateCheckpointTableServiceClient() =>
        !string.IsNullOrWhiteSpace(CheckpointConnectionString)
            ? new TableServiceClient(CheckpointConnectionString)
            : new TableServiceClient(CheckpointTableServiceUri, new DefaultAzureCredential());

    /// <summary>Every problem with these settings, each naming the setting and what would be accepted; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString) == string.IsNullOrWhiteSpace(FullyQualifiedNamespace))
        {
            errors.Add($"set exactly one of {SectionName}:ConnectionString (\"Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...\") " +
                $"or {SectionName}:FullyQualifiedNamespace (\"<namespace>.servicebus.windows.net\", with a managed identity)");
        }

        if (string.IsNullOrWhiteSpace(EventHubName))
        {
            errors.Add($"{SectionName}:EventHubName is not set: name the event hub the streams travel in");
        }

        if (string.IsNullOrWhiteSpace(ConsumerGroup))
        {
            errors.Add($"{SectionName}:ConsumerGroup is empty: use \"$Default\" or a consumer group of the hub");
        }

        if (string.IsNullOrWhiteSpace(CheckpointConnectionString) == (CheckpointTableServiceUri is null))
        {
            errors.Add($"set exactly one of {SectionName}:CheckpointConnectionString (a storage account connection string) " +
                $"or {SectionName}:CheckpointTableServiceUri (\"https://<account>.table.core.windows.net\", with a managed identity)");
        }

        if (string.IsNullOrWhiteSpace(CheckpointTable) || !System.Text.RegularExpressions.Regex.IsMatch(CheckpointTable, "^[A-Za-z][A-Za-z0-9]{2,62}$"))
        {
            errors.Add($"{SectionName}:CheckpointTable must be 3-63 letters or digits starting with a letter (got '{CheckpointTable}')");
        }

        return errors;
    }
}
