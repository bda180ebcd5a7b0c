using Microsoft.Extensions.Options;
using Orleans.Storage;
using StreamOrleans.Persistence;
using StreamOrleans.Persistence.Stores.Sqlite;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Persistence;

/// <summary>
/// Orleans grain storage over the embedded SQLite group-commit store: state round-trips across store instances on the
/// same file as readable JSON, the ETag is the row's version, a write or clear with a stale or missing ETag is refused
/// with Orleans' <see cref="InconsistentStateException"/>, and concurrent writers committed together each get their
/// own result.
/// </summary>
public sealed class GroupCommitGrainStorageTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task State_round_trips_across_store_instances_on_the_same_file()
    {
        var grain = GrainId.Create("note", Guid.NewGuid().ToString("N"));
        await using (var store = OpenStore())
        {
            var storage = new GroupCommitGrainStorage("grains", store);
            var state = new GrainState<StoredNote>(new StoredNote { Text = "héllo ✓", Version = 1 });
            await storage.WriteStateAsync("note", grain, state);
            Assert.Equal(("1", true), (state.ETag, state.RecordExists));
            state.State!.Text = "second";
            await storage.WriteStateAsync("note", grain, state);
            Assert.Equal("2", state.ETag);
        }

        await using (var store = OpenStore())
        {
            var storage = new GroupCommitGrainStorage("grains", store);
            var read = new GrainState<StoredNote>();
            await storage.ReadStateAsync("note", grain, read);
            Assert.Equal(("second", 1, "2", true), (read.State!.Text, read.State.Version, read.ETag, read.RecordExists));

            await storage.ClearStateAsync("note", grain, read);
            Assert.Equal(("", null, false), (read.State!.Text, read.ETag, read.RecordExists));
            var again = new GrainState<StoredNote>();
            await storage.ReadStateAsync("note", grain, again);
            Assert.Equal((null, false), (again.ETag, again.RecordExists));
        }
    }

    [Fact]
    public async Task A_write_behind_the_writers_back_raises_an_etag_conflict()
    {
        await using var store = OpenStore();
        var storage = new GroupCommitGrainStorage("grains", store);
        var grain = GrainId.Create("note", Guid.NewGuid().ToString("N"));
        var mine = new GrainState<StoredNote>(new StoredNote { Text = "mine" });
        await storage.WriteStateAsync("note", grain, mine);

        // Someone else reads and writes the same state in between.
        var theirs = new GrainState<StoredNote>();
        await storage.ReadStateAsync("note", grain, theirs);
        await storage.WriteStateAsync("note", grain, theirs);

        mine.State!.Text = "lost update";
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("note", grain, mine));
        Assert.Contains("expected ETag '1' but storage has '2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed by someone else", error.Message, StringComparison.Ordinal);
        var stored = new GrainState<StoredNote>();
        await storage.ReadStateAsync("note", grain, stored);
        Assert.Equal(("mine", "2"), (stored.State!.Text, stored.ETag));
    }

    [Fact]
    public async Task Stale_and_missing_etags_are_refused_and_concurrent_writers_each_get_their_own_result()
    {
        await using var store = OpenStore();
        var storage = new GroupCommitGrainStorage("grains", store);
        var grainType = $"direct{Guid.NewGuid():N}";
        var grain = GrainId.Create(grainType, "k");
        await storage.WriteStateAsync("s", grain, new GrainState<StoredNote>(new StoredNote()));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", grain, new GrainState<StoredNote>(new StoredNote())));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", grain, new GrainState<StoredNote>(new StoredNote(), "7")));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("s", grain, new GrainState<StoredNote>(new StoredNote(), "7")));

        // Group commit: many concurrent writers, each gets its own result.
        var states = Enumerable.Range(0, 500).Select(i => (Grain: GrainId.Create(grainType, $"k-{i}"), State: new GrainState<StoredNote>(new StoredNote { Version = i }))).ToList();
        await Task.WhenAll(states.Select(s => storage.WriteStateAsync("s", s.Grain, s.State)));
        Assert.All(states, s => Assert.Equal("1", s.State.ETag));
        Assert.Equal(501, await storage.ClearAllAsync(GrainType.Create(grainType)));
    }

    private SqliteGrainStorage OpenStore() =>
        new(Options.Create(new SqliteGrainStorageOptions { FilePath = _directory.File("grains.db") }), TimeProvider.System);
}
