using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Persistence.Stores;
using StreamOrleans.Persistence.Stores.Postgres;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Persistence.Stores.Postgres;

public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private static readonly GrainStateKey Grain = new("CounterGrain", "user-1");
    private string _connectionString = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgresGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresDatabase.CreateSchemaAsync("state");
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        _storage = Open();
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private PostgresGrainStorage Open() => new(_dataSource, Options.Create(new PostgresGrainStorageOptions()), TimeProvider.System);

    private static GrainStateRecord Record(string json, params (string Key, long Offset)[] positions) =>
        new(Encoding.UTF8.GetBytes(json), positions.ToDictionary(p => p.Key, p => p.Offset));

    [Fact]
    public async Task A_first_use_while_the_database_is_down_fails_that_call_only()
    {
        // Connections fail while "down" (as during a PostgreSQL restart). Before, the first use's schema step failed
        // and every later call rethrew that failure for the life of the process.
        var down = true;
        await using var restarting = PostgresDatabase.Restarting(_connectionString, () => down);
        await using var storage = new PostgresGrainStorage(restarting, Options.Create(new PostgresGrainStorageOptions()), TimeProvider.System);

        await Assert.ThrowsAsync<NpgsqlException>(() => storage.ReadAsync(Grain, "counter"));
        await Assert.ThrowsAsync<NpgsqlException>(() => storage.WriteAsync(Grain, "counter", Record("{\"Count\":1}"), null));
        down = false;

        Assert.Null(await storage.ReadAsync(Grain, "counter"));
        var etag = await storage.WriteAsync(Grain, "counter", Record("{\"Count\":1}"), null);
        Assert.Equal(etag, (await storage.ReadAsync(Grain, "counter"))!.Etag);
    }

    [Fact]
    public async Task A_missing_record_reads_as_null()
    {
        Assert.Null(await _storage.ReadAsync(Grain, "counter"));
    }

    [Fact]
    public async Task Written_payload_and_positions_read_back_with_increasing_etags()
    {
        var first = await _storage.WriteAsync(Grain, "counter", Record("{\"Count\":1}", ("counts/3", 10)), expectedEtag: null);
        var second = await _storage.WriteAsync(Grain, "counter", Record("{\"Count\":2}", ("counts/3", 11), ("other/0", 5)), first);

        var stored = await _storage.ReadAsync(Grain, "counter");

        Assert.Equal("1", first);
        Assert.Equal("2", second);
        Assert.NotNull(stored);
        Assert.Equal("{\"Count\":2}", Encoding.UTF8.GetString(stored.Payload.Span));
        Assert.Equal(new Dictionary<string, long> { ["counts/3"] = 11, ["other/0"] = 5 }, stored.StreamPositions);
        Assert.Equal("2", stored.Etag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_leaves_the_newer_state()
    {
        var first = await _storage.WriteAsync(Grain, "counter", Record("{\"Count\":1}"), null);
        await _storage.WriteAsync(Grain, "counter", Record("{\"Count\":2}"), first);

        // A replica that lost the partition still holds etag "1".
        var error = await Assert.ThrowsAsync<StateConflictException>(() => _storage.WriteAsync(Grain, "counter", Record("{\"Count\":99}"), first));
        var duplicateCreate = await Assert.ThrowsAsync<StateConflictException>(() => _storage.WriteAsync(Grain, "counter", Record("{\"Count\":98}"), null));

        Assert.Contains("2", error.Message, StringComparison.Ordinal);
        Assert.NotNull(duplicateCreate);
        Assert.Equal("{\"Count\":2}", Encoding.UTF8.GetString((await _storage.ReadAsync(Grain, "counter"))!.Payload.Span));
    }

    [Fact]
    public async Task Clear_checks_the_etag_and_clear_all_removes_one_grain_type()
    {
        var etag = await _storage.WriteAsync(Grain, "counter", Record("{}"), null);
        await _storage.WriteAsync(new GrainStateKey("CounterGrain", "user-2"), "counter", Record("{}"), null);
        await _storage.WriteAsync(new GrainStateKey("OtherGrain", "user-1"), "counter", Record("{}"), null);

        await Assert.ThrowsAsync<StateConflictException>(() => _storage.ClearAsync(Grain, "counter", "7"));
        await _storage.ClearAsync(Grain, "counter", etag);
        var removed = await _storage.ClearAllAsync("CounterGrain");

        Assert.Null(await _storage.ReadAsync(Grain, "counter"));
        Assert.Equal(1, removed);
        Assert.NotNull(await _storage.ReadAsync(new GrainStateKey("OtherGrain", "user-1"), "counter"));
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_are_group_committed_and_each_gets_its_own_result()
    {
        var grains = Enumerable.Range(0, 500).Select(i => new GrainStateKey("CounterGrain", $"k{i}")).ToArray();
        await _storage.WriteAsync(grains[7], "counter", Record("{\"Count\":0}"), null);

        // One write per grain at once, one of them with a wrong expectation.
        var writes = grains.Select(g => _storage.WriteAsync(g, "counter", Record($"{{\"Key\":\"{g.Key}\"}}"), null)).ToArray();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                return await w;
            }
            catch (StateConflictException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(499, outcomes.Count(o => o == "1"));
        Assert.Equal("conflict", outcomes[7]);
        Assert.Equal("{\"Key\":\"k42\"}", Encoding.UTF8.GetString((await _storage.ReadAsync(grains[42], "counter"))!.Payload.Span));
    }

    [Fact]
    public async Task A_second_process_on_the_same_schema_reuses_the_tables_and_a_newer_schema_is_refused()
    {
        await _storage.WriteAsync(Grain, "counter", Record("{\"Count\":1}"), null);
        await using (var second = Open())
        {
            Assert.NotNull(await second.ReadAsync(Grain, "counter"));
        }

        await using (var bump = _dataSource.CreateCommand("INSERT INTO schema_version (component, version) VALUES ('grain_state', 99)"))
        {
            await bump.ExecuteNonQueryAsync();
        }

        await using var newer = Open();
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => newer.ReadAsync(Grain, "counter"));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }
}
