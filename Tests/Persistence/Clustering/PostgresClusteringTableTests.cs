using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using StreamOrleans.Persistence.Clustering;
using StreamOrleans.Silo;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Persistence.Clustering;

/// <summary>
/// Our clustering schema under Orleans' own ADO.NET membership table and gateway list: every query it reads from
/// OrleansQuery runs against a fresh PostgreSQL schema and answers the provider's contract (versions, etags, round trips).
/// </summary>
public sealed class PostgresClusteringTableTests : IAsyncLifetime
{
    private const string ClusterId = "c1";
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresDatabase.CreateSchemaAsync("clu");

        // Idempotent, also when silos start together: the second and third runs find version 1 and change nothing.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => PostgresClusteringSchema.EnsureAsync(_connectionString)));
        await PostgresClusteringSchema.EnsureAsync(_connectionString);
    }

    public Task DisposeAsync() => _services.DisposeAsync().AsTask();

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Schema_is_created_once_with_every_query_the_provider_reads()
    {
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM schema_version WHERE component = 'clustering'"));
        Assert.Equal(PostgresClusteringSchema.Queries.Count, (int)(long)(await ScalarAsync("SELECT count(*) FROM OrleansQuery"))!);
        Assert.Equal(10, PostgresClusteringSchema.Queries.Count);
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Membership_rows_round_trip_under_optimistic_table_versions()
    {
        var table = Table(ClusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await Table(ClusterId).InitializeMembershipTableAsync(tryInitTableVersion: true); // a second silo: the version row stays

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var started = Micros(DateTime.UtcNow.AddMinutes(-5));
        var silo = SiloAddress.New(IPAddress.Loopback, 11111, 42);
        var entry = new MembershipEntry
        {
            SiloAddress = silo, SiloName = "silo-a", HostName = "host-a", Status = SiloStatus.Joining, ProxyPort = 30000,
            StartTime = started, IAmAliveTime = started,
        };
        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(entry, empty.Version.Next())); // stale version
        var other = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 11112, 43), SiloName = "silo-b", HostName = "host-b", Status = SiloStatus.Joining,
            ProxyPort = 0, StartTime = started, IAmAliveTime = started,
        };
        var afterInsert = await table.ReadAllAsync();
        Assert.False(await table.InsertRowAsync(entry, afterInsert.Version.Next())); // the same silo twice
        Assert.True(await table.InsertRowAsync(other, afterInsert.Version.Next()));

        var all = await table.ReadAllAsync();
        Assert.Equal(2, all.Version.Version);
        var (read, etag) = Assert.Single(all.Members, m => m.Item1.SiloAddress.Equals(silo));
        Assert.Equal(all.Version.VersionEtag, etag);
        Assert.Equal(("silo-a", "host-a", SiloStatus.Joining, 30000, started, started), (read.SiloName, read.HostName, read.Status, read.ProxyPort, read.StartTime, read.IAmAliveTime));
        Assert.Null(read.SuspectTimes);

        // Active with a suspicion; a stale etag or version changes nothing.
        read.Status = SiloStatus.Active;
        read.SuspectTimes = [Tuple.Create(other.SiloAddress, Millis(DateTime.UtcNow))]; // Orleans writes suspicions to the millisecond
        Assert.False(await table.UpdateRowAsync(read, etag, empty.Version.Next()));
        Assert.True(await table.UpdateRowAsync(read, etag, all.Version.Next()));
        Assert.False(await table.UpdateRowAsync(read, etag, all.Version.Next()));

        // The heartbeat does not change the version.
        var alive = Micros(DateTime.UtcNow);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = silo, IAmAliveTime = alive });
        var row = await table.ReadRowAsync(silo);
        Assert.Equal(3, row.Version.Version);
        var updated = Assert.Single(row.Members).Item1;
        Assert.Equal((SiloStatus.Active, alive), (updated.Status, updated.IAmAliveTime));
        Assert.Equal(read.SuspectTimes.Single(), Assert.Single(updated.SuspectTimes!));

        var missing = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 9, 9));
        Assert.Empty(missing.Members);
        Assert.Equal(3, missing.Version.Version);

        // Clients find the active silo's gateway only.
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance, _services,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = PostgresClusteringSiloBuilderExtensions.Invariant, ConnectionString = _connectionString }),
            Options.Create(new GatewayOptions()), Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = ClusterId }));
        await gateways.InitializeGatewayListProviderAsync();
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 30000, 42).ToGatewayUri(), Assert.Single(await gateways.GetGatewaysAsync()));

        // Another cluster id in the same tables sees none of it.
        var second = Table("c2");
        await second.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Empty((await second.ReadAllAsync()).Members);
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Defunct_dead_silos_are_cleaned_up_and_a_cluster_can_be_deleted()
    {
        var table = Table(ClusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var old = Micros(DateTime.UtcNow.AddHours(-2));
        var version = (await table.ReadAllAsync()).Version;
        foreach (var (port, status) in new[] { (1, SiloStatus.Dead), (2, SiloStatus.Dead), (3, SiloStatus.Active) })
        {
            var entry = new MembershipEntry
            {
                SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1), SiloName = $"s{port}", HostName = "h", Status = status, ProxyPort = 0,
                StartTime = old, IAmAliveTime = old,
            };
            Assert.True(await table.InsertRowAsync(entry, version.Next()));
            version = (await table.ReadAllAsync()).Version;
        }

        // The provider's single-row cleanup (CleanupDefunctSiloEntryKey): dead rows as read, active ones stay.
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal([3], (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port));

        // The bulk form (CleanupDefunctSiloEntriesKey), as a provider without the single-row query runs it.
        var dead = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 4, 1), SiloName = "s4", HostName = "h", Status = SiloStatus.Dead, ProxyPort = 0,
            StartTime = old, IAmAliveTime = old,
        };
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync()).Version.Next()));
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(PostgresClusteringSchema.Queries["CleanupDefunctSiloEntriesKey"], connection);
            command.Parameters.AddWithValue("DeploymentId", ClusterId);
            command.Parameters.AddWithValue("IAmAliveTime", DateTime.UtcNow.AddHours(-1));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await table.DeleteMembershipTableEntriesAsync(ClusterId);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM orleans_cluster_member"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM orleans_cluster_version"));
    }

    [Fact]
    public void Postgres_clustering_without_a_connection_string_is_refused_with_its_name()
    {
        var builder = Host.CreateApplicationBuilder(["--Cluster:Clustering=Postgres"]);
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddStreamOrleansSilo());
        Assert.Contains("ConnectionStrings:Postgres is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Clustering=Postgres", error.Message, StringComparison.Ordinal);
    }

    private AdoNetClusteringTable Table(string clusterId) => new(
        _services,
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresClusteringSiloBuilderExtensions.Invariant, ConnectionString = _connectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    // PostgreSQL keeps microseconds.
    private static DateTime Micros(DateTime time) => new(time.Ticks - (time.Ticks % 10), DateTimeKind.Utc);

    private static DateTime Millis(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
