using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace StreamOrleans.Tests.Support;

/// <summary>The shared emulator answers as Azure Storage does: blobs with ETag preconditions, tables with entities.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class AzuriteTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Blob_service_keeps_blobs_and_refuses_a_stale_if_match_with_412()
    {
        var container = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(AzuriteFixture.UniqueName("probe"));
        await container.CreateAsync();
        var blob = container.GetBlobClient("a.json");
        var first = await blob.UploadAsync(BinaryData.FromString("""{"n":1}"""));
        await blob.UploadAsync(BinaryData.FromString("""{"n":2}"""), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } });

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.UploadAsync(BinaryData.FromString("""{"n":3}"""), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } }));

        Assert.Equal(412, stale.Status);
        Assert.Equal("""{"n":2}""", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Table_service_keeps_entities()
    {
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("probe"));
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });

        var read = await table.GetEntityAsync<TableEntity>("p", "r");

        Assert.Equal(42, read.Value.GetInt32("Value"));
    }
}
