using Azure.Storage.Blobs;

namespace StreamOrleans.Tests.Support;

/// <summary>
/// The counters CounterGrain persisted through Orleans' Azure Blob storage: one blob per grain named
/// "counter-counter/KEY.json" (state name, then the grain id "type/key"), holding the state's JSON.
/// </summary>
public static class BlobCounters
{
    private const string Prefix = "counter-counter/";

    /// <summary>Key -> (count, sum) of every counter state blob in <paramref name="container"/>.</summary>
    public static async Task<Dictionary<string, (long Count, long Sum)>> ReadAsync(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var counters = new Dictionary<string, (long Count, long Sum)>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Prefix, CancellationToken.None))
        {
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
            counters[item.Name[Prefix.Length..^".json".Length]] = CounterWorkload.Totals(content.Value.Content.ToArray());
        }

        return counters;
    }
}
