using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Postgres;
using StreamOrleans.Benchmarks.Support;

namespace StreamOrleans.Benchmarks.ScaleOut;

/// <summary>
/// SIGKILL one of three replicas (Orleans silos on PostgreSQL clustering, log and state) and time until a survivor
/// commits each of its queues again. Orleans balances the queues; a replica's queues are the partitions it committed
/// last (each replica prints "checkpoint TOPIC PARTITION OFFSET" per commit).
/// </summary>
internal static class FailoverDriver
{
    private const string Topic = "counter-events";
    private const int Partitions = 32; // so each of three silos owns counter-events queues (with 8, a restarted replica often got none of them)
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<List<double>> MeasureAsync(string root, string connectionString, int rounds, TextWriter log)
    {
        var api = Path.Combine(root, "Api", "bin", "Release", "net10.0", "StreamOrleans.Api.dll");
        if (!File.Exists(api))
        {
            throw new FileNotFoundException($"{api} is missing: build the solution in Release first.", api);
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var streamLog = new PostgresStreamLog(dataSource, Options.Create(new PostgresStreamLogOptions()));
        await streamLog.CreateTopicAsync(Topic, Partitions);
        var changes = new ReplicaChanges();
        var replicas = new ReplicaProcess[3];
        var ports = Enumerable.Range(0, replicas.Length * 2).Select(_ => LoopbackPorts.Free()).ToArray();
        var logs = Environment.GetEnvironmentVariable("STREAMORLEANS_BENCH_REPLICA_LOGS") is { Length: > 0 } directory ? Directory.CreateDirectory(directory).FullName : null;
        ReplicaProcess Start(int i) => new(api, [
            "--urls=http://127.0.0.1:0",
            "--Silo:LogProvider=Postgres",
            "--Silo:StateProvider=Postgres",
            $"--ConnectionStrings:Postgres={connectionString}",
            "--Silo:ReportCheckpoints=true",
            "--Cluster:Clustering=Postgres",
            $"--Cluster:SiloPort={ports[i * 2]}",
            $"--Cluster:GatewayPort={ports[(i * 2) + 1]}",
            $"--Streams:DefaultPartitions={Partitions}",
            "--Streams:CheckpointInterval=00:00:00.100",
            "--Telemetry:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            .. logs is null ? Array.Empty<string>() : [
                "--Logging:LogLevel:Orleans.Runtime.MembershipService=Information",
                "--Logging:LogLevel:Orleans.Streams=Information",
                "--Logging:LogLevel:StreamOrleans=Information",
            ],
        ], changes, logs is null ? null : Path.Combine(logs, $"replica-{i}.log"));

        var results = new List<double>();
        var random = new Random(3);
        var value = Encoding.UTF8.GetBytes("""{"amount":1}""");
        async Task<Dictionary<int, long>> AppendAsync(int count)
        {
            await streamLog.AppendAsync(Topic, [.. Enumerable.Range(0, count).Select(_ => new StreamRecord($"counter-{random.Next(10_000)}", value))]);
            return (await streamLog.GetOffsetsAsync(Topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
        }

        // The replica that committed partition p last is the one consuming it now.
        int? ConsumerOf(int partition) => Enumerable.Range(0, replicas.Length)
            .Select(r => (Replica: r, At: replicas[r].LastCommitAt(partition)))
            .Where(c => c.At is not null).OrderByDescending(c => c.At).Select(c => (int?)c.Replica).FirstOrDefault();
        int[] QueuesOf(int replica) => [.. Enumerable.Range(0, Partitions).Where(p => ConsumerOf(p) == replica)];
        bool AllCommitted(IReadOnlyDictionary<int, long> ends) => ends.All(e => replicas.Any(r => r.CommittedAt(e.Key, e.Value) is not null));

        try
        {
            for (var i = 0; i < replicas.Length; i++)
            {
                replicas[i] = Start(i);
            }

            for (var round = 0; round < rounds; round++)
            {
                // Records flow until every replica consumes queues of its own (Orleans rebalances as silos join).
                var settling = Stopwatch.StartNew();
                do
                {
                    var ends = await AppendAsync(800);
                    await changes.WaitUntilAsync(() => AllCommitted(ends), Timeout, "the replicas consuming every partition");
                    if (settling.Elapsed > Timeout)
                    {
                        throw new TimeoutException($"not every replica took queues within {Timeout.TotalSeconds:0} s");
                    }
                }
                while (Enumerable.Range(0, replicas.Length).Any(r => QueuesOf(r).Length == 0));

                var victimIndex = round % replicas.Length;
                var victim = replicas[victimIndex];
                var owned = QueuesOf(victimIndex);

                var killedAt = Stopwatch.GetTimestamp();
                foreach (var replica in replicas)
                {
                    replica.Note($"round {round + 1}: SIGKILL replica-{victimIndex} (partitions {string.Join(",", owned)})");
                }

                victim.Kill();
                var afterKill = await AppendAsync(4000);
                var survivors = replicas.Where(r => r != victim).ToArray();
                long? Consumed(int p) => survivors.Select(s => s.CommittedAt(p, afterKill[p])).Where(t => t is not null).Min();
                await changes.WaitUntilAsync(() => owned.All(p => Consumed(p) is not null), Timeout, $"survivors consuming partitions {string.Join(",", owned)}");
                var seconds = owned.Max(p => Stopwatch.GetElapsedTime(killedAt, Consumed(p)!.Value).TotalSeconds);
                results.Add(seconds);
                log.WriteLine($"failover round {round + 1}/{rounds}: replica-{victimIndex}'s partitions {string.Join(",", owned)} consumed again after {seconds:0.00} s");

                victim.Dispose();
                replicas[victimIndex] = Start(victimIndex);
            }
        }
        finally
        {
            foreach (var replica in replicas.Where(r => r is not null))
            {
                replica.Dispose();
            }
        }

        return results;
    }

}
