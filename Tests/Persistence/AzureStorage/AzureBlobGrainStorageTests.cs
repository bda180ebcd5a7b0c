using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using StreamOrleans.Grains;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Persistence.AzureStorage;

/// <summary>
/// Grain state in Azure Blob storage (Silo:StateProvider=AzureBlob, Orleans' Microsoft.Orleans.Persistence.AzureStorage)
/// on Azurite, through a silo wired as production wires it: counters applied from the log round-trip as readable JSON
/// blobs across silos, a stale ETag is refused with Orleans' <see cref="InconsistentStateException"/>, and a rewind with
/// reset deletes exactly the blobs built from the topic and rebuilds them.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class AzureBlobGrainStorageTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Counter_state_round_trips_through_blob_storage_as_readable_json_across_silos()
    {
        var container = AzuriteFixture.UniqueName("state");
        var workload = new CounterWorkload(new Random(17), keys: 20);
        using var data = new TempDirectory();
        await using (var silo = await TestSilo.StartAsync(settings: Settings(container), dataDirectory: data.Path))
        {
            await workload.AppendAsync(silo.Log, 300);
            await silo.WaitUntilCommittedAsync(CounterEvent.Topic);
            workload.AssertMatches(await BlobCounters.ReadAsync(Container(container)), "in the blobs");
        }

        // Another silo on the same container reads the states back (the log's data directory is kept, so nothing replays).
        await using (var silo = await TestSilo.StartAsync(settings: Settings(container), dataDirectory: data.Path))
        {
            var (key, expected) = workload.Expected.First();
            Assert.Equal(new CounterSnapshot(expected.Count, expected.Sum), await silo.GrainFactory.GetGrain<ICounterGrain>(key).GetAsync());
            var blob = (await Container(container).GetBlobClient($"counter-counter/{key}.json").DownloadContentAsync()).Value;
            Assert.StartsWith($$"""{"count":{{expected.Count}},"sum":{{expected.Sum}},""", blob.Content.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_raises_InconsistentStateException_and_keeps_the_newer_state()
    {
        var container = AzuriteFixture.UniqueName("etag");
        await using var silo = await TestSilo.StartAsync(settings: Settings(container));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainProviders.Storage);
        var grain = GrainId.Create("note", "n1");

        var mine = new GrainState<StoredNote>(new StoredNote { Text = "first", Version = 1 });
        await storage.WriteStateAsync("note", grain, mine);
        var staleEtag = mine.ETag;
        mine.State!.Text = "second";
        await storage.WriteStateAsync("note", grain, mine);
        Assert.NotEqual(staleEtag, mine.ETag);

        // A silo that lost the grain still holds the first ETag; a creation (no ETag) of an existing state fails too.
        var theirs = new GrainState<StoredNote>(new StoredNote { Text = "stale" }) { ETag = staleEtag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("note", grain, theirs));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("note", grain, new GrainState<StoredNote>(new StoredNote { Text = "new" })));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("note", grain, theirs));

        var read = new GrainState<StoredNote>();
        await storage.ReadStateAsync("note", grain, read);
        Assert.Equal(("second", 1, mine.ETag, true), (read.State!.Text, read.State.Version, read.ETag, read.RecordExists));
        await storage.ClearStateAsync("note", grain, read);
        var cleared = new GrainState<StoredNote>();
        await storage.ReadStateAsync("note", grain, cleared);
        Assert.False(cleared.RecordExists);
    }

    [Fact]
    public async Task Rewind_with_reset_deletes_only_the_blobs_built_from_the_topic_and_rebuilds_them()
    {
        var container = AzuriteFixture.UniqueName("rewind");
        await using var silo = await TestSilo.StartAsync(settings: Settings(container));
        var landed = await silo.AppendJsonAsync(CounterEvent.Topic, [.. Enumerable.Range(1, 10).Select(i => ("rewound", $$"""{"amount":{{i}}}"""))]);
        await silo.WaitUntilCommittedAsync(CounterEvent.Topic);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainProviders.Storage);
        await storage.WriteStateAsync("note", GrainId.Create("note", "unrelated"), new GrainState<StoredNote>(new StoredNote { Text = "kept" }));

        var result = await silo.RewindAsync(CounterEvent.Topic, SeekPosition.At(landed[5].Offset), landed[0].Partition, resetState: true);
        await silo.WaitUntilCommittedAsync(CounterEvent.Topic);

        Assert.Equal(1, result.StatesDeleted);
        Assert.Equal(new CounterSnapshot(5, 6 + 7 + 8 + 9 + 10), await silo.GrainFactory.GetGrain<ICounterGrain>("rewound").GetAsync());
        Assert.True((await Container(container).GetBlobClient("note-note/unrelated.json").ExistsAsync()).Value, "a state not built from the topic was deleted");
    }

    private Dictionary<string, string?> Settings(string container) => new()
    {
        ["Silo:StateProvider"] = "AzureBlob",
        ["Storage:AzureBlob:ConnectionString"] = fixture.Azurite.ConnectionString,
        ["Storage:AzureBlob:ContainerName"] = container,
    };

    private BlobContainerClient Container(string name) => new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(name);
}
