using Npgsql;
using StreamOrleans.Runtime.Streams.Kafka;
using StreamOrleans.Tests.Integration.Replicas;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Streams.Kafka;

/// <summary>
/// The three-replica scenario of issue 7 (split, SIGKILL failover within 10 s, graceful hand-over, exact counts from
/// any replica) with the stream log and partition ownership in Kafka and grain state in PostgreSQL. Needs a real
/// broker (STREAMORLEANS_KAFKA_BOOTSTRAP) and the silo's Kafka wiring (Silo:LogProvider=Kafka).
/// </summary>
public sealed class KafkaReplicaTests
{
    [KafkaFact(RealBrokerOnly = "the replica processes create topics (CreateTopics), and the mock's 12 s failover exceeds the scenario's 10 s bound")]
    public async Task Replicas_split_partitions_survive_a_SIGKILL_and_a_graceful_stop_with_exact_counts()
    {
        var connectionString = await PostgresDatabase.CreateSchemaAsync("kafka_replicas");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var options = KafkaTestCluster.Options();
        await using var log = new KafkaStreamLog(options, "grains");
        await log.CreateTopicAsync(ReplicaScenario.Topic, ReplicaScenario.Partitions);

        // The topic and the scenario's group ("grains") outlive a run on a shared broker: start the group at the
        // current end so only this run's events are counted (nobody is in the group yet, so the admin client commits).
        foreach (var range in await log.GetOffsetsAsync(ReplicaScenario.Topic))
        {
            await log.CommitAsync("grains", ReplicaScenario.Topic, range.Partition, range.EndOffset);
        }

        await ReplicaScenario.RunAsync(log, dataSource, [
            "--Silo:LogProvider=Kafka",
            "--Silo:StateProvider=Postgres",
            $"--ConnectionStrings:Postgres={connectionString}",
            $"--Streams:Kafka:BootstrapServers={options.BootstrapServers}",
            "--Streams:Kafka:SessionTimeout=00:00:06",
            "--Streams:Kafka:PollInterval=00:00:00.020",
        ]);
    }
}
