using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Runtime.Streams.Postgres;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Integration.Replicas;

/// <summary>Three replicas with the stream log, grain state and partition ownership in Debian's PostgreSQL.</summary>
public sealed class PostgresReplicaTests
{
    [Fact]
    public async Task Replicas_split_partitions_survive_a_SIGKILL_and_a_graceful_stop_with_exact_counts()
    {
        var connectionString = await PostgresDatabase.CreateSchemaAsync("replicas");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var log = new PostgresStreamLog(dataSource, Options.Create(new PostgresStreamLogOptions()));
        await log.CreateTopicAsync(ReplicaScenario.Topic, ReplicaScenario.Partitions);

        await ReplicaScenario.RunAsync(log, dataSource, [
            "--Silo:LogProvider=Postgres",
            "--Silo:StateProvider=Postgres",
            $"--ConnectionStrings:Postgres={connectionString}",
            "--Streams:Postgres:PollInterval=00:00:00.020",
        ]);
    }
}
