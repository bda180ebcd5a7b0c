using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using StreamOrleans.Streaming.Rewind;

namespace StreamOrleans.Persistence.AzureStorage;

/// <summary>
/// Rewind with state reset on Azure Blob storage: deletes the state blobs whose stored positions name the topic (and
/// partition), so their grains rebuild from the log. Blob storage has no query, so every state blob of the container is
/// read once; a blob changed since it was read (its ETag moved) is left alone, as no grain writes during a rewind.
/// </summary>
public sealed class AzureBlobStreamStateReset(BlobContainerClient container) : IStreamStateReset
{
    /// <inheritdoc />
    public async Task<int> ClearAppliedTopicAsync(string topic, int? partition = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (!await container.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var blob = container.GetBlobClient(item.Name);
            var content = await blob.DownloadContentAsync(cancellationToken);
            if (!Applied(content.Value.Content, topic, partition))
            {
                continue;
            }

            try
            {
                await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = content.Value.Details.ETag }, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone or rewritten since it was read: not ours to delete.
            }
        }

        return deleted;
    }

    // The state's "applied.byTopic.<topic>" entry (IExactlyOnceState as WebJsonGrainStorageSerializer writes it).
    private static bool Applied(BinaryData content, string topic, int? partition)
    {
        try
        {
            using var json = JsonDocument.Parse(content.ToMemory());
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("applied", out var applied) && applied.ValueKind == JsonValueKind.Object
                && applied.TryGetProperty("byTopic", out var byTopic) && byTopic.ValueKind == JsonValueKind.Object
                && byTopic.TryGetProperty(topic, out var position)
                && (partition is null || (position.TryGetProperty("partition", out var p) && p.TryGetInt32(out var stored) && stored == partition));
        }
        catch (JsonException)
        {
            return false; // not a state this silo wrote as JSON
        }
    }
}
