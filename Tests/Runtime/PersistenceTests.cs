using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Runtime;
using StreamOrleans.Tests.Runtime.TestGrains;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Runtime;

public class PersistenceTests
{
    [Fact]
    public async Task State_round_trips_through_sqlite_across_runtimes()
    {
        using var directory = new TempDirectory();
        var key = Guid.NewGuid().ToString();
        await using (var silo = TestSilo.Start(dataDirectory: directory.Path))
        {
            var grain = silo.GrainFactory.GetGrain<IStateGrain>(key);
            await grain.SetAsync("héllo ✓", write: true);
            Assert.Equal("1", await grain.GetEtagAsync());
            await grain.SetAsync("second", write: true);
            Assert.Equal("2", await grain.GetEtagAsync());
        }

        await using (var silo = TestSilo.Start(dataDirectory: directory.Path))
        {
            var grain = silo.GrainFactory.GetGrain<IStateGrain>(key);
            Assert.Equal("second", await grain.GetAsync());

            // OnDeactivateAsync of the first runtime wrote once more on shutdown.
            Assert.Equal("3", await grain.GetEtagAsync());
            await grain.ClearAsync();
            Assert.Equal("", await grain.GetAsync());
            Assert.Null(await grain.GetEtagAsync());
        }
    }

    [Fact]
    public async Task A_write_behind_the_grains_back_raises_an_etag_conflict()
    {
        await using var silo = TestSilo.Start();
        var key = Guid.NewGuid().ToString();
        var grain = silo.GrainFactory.GetGrain<IStateGrain>(key);
        await grain.SetAsync("mine", write: true);

        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = new GrainId(nameof(StateGrain), key);
        var stored = await storage.ReadAsync(id, "main");
        await storage.WriteAsync(id, "main", stored!, stored!.Etag);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAsync("lost update", write: true));
        Assert.Equal("1", error.ExpectedEtag);
        Assert.Equal("2", error.StoredEtag);
        Assert.Contains("changed by someone else", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_rejects_stale_and_missing_etags()
    {
        await using var silo = TestSilo.Start();
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = new GrainId("Direct", Guid.NewGuid().ToString());
        var record = new GrainStateRecord("{}"u8.ToArray(), new Dictionary<string, long> { ["t/0"] = 41 });

        Assert.Equal("1", await storage.WriteAsync(id, "s", record, null));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", record, null));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", record, "7"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(id, "s", "7"));
        Assert.Equal(41, (await storage.ReadAsync(id, "s"))!.StreamPositions["t/0"]);

        // Group commit: many concurrent writers, each gets its own result.
        var writes = Enumerable.Range(0, 500).Select(i => storage.WriteAsync(id with { Key = $"{id.Key}-{i}" }, "s", record, null)).ToArray();
        Assert.All(await Task.WhenAll(writes), etag => Assert.Equal("1", etag));
        Assert.Equal(1, await storage.ClearAllAsync("Direct") / 501);
    }
}
