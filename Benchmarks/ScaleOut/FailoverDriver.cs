using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Postgres;

namespace StreamOrleans.Benchmarks.ScaleOut;

/// <summary>SIGKILL one of three replicas sharing PostgreSQL and time until its partitions are consumed again.</summary>
internal static class FailoverDriver
{
    private const string Topic = "counter-events";
    private const int Partitions = 8;
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
        ReplicaProcess Start(int i) => new(api, [
            "--urls=http://127.0.0.1:0",
            "--Silo:LogProvider=Postgres",
            "--Silo:StateProvider=Postgres",
            $"--ConnectionStrings:Postgres={connectionString}",
            "--Silo:ReportCheckpoints=true",
            $"--Streams:Ownership:MemberId=replica-{i}",
            $"--Streams:DefaultPartitions={Partitions}",
            "--Streams:CheckpointInterval=00:00:00.100",
            "--Telemetry:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
        ], changes);

        var results = new List<double>();
        var random = new Random(3);
        try
        {
            for (var i = 0; i < replicas.Length; i++)
            {
                replicas[i] = Start(i);
            }

            for (var round = 0; round < rounds; round++)
            {
                await changes.WaitUntilAsync(() => replicas.All(r => r.Owned(Topic).Length > 0) && replicas.Sum(r => r.Owned(Topic).Length) == Partitions, Timeout, "three replicas splitting the partitions");
                var victimIndex = round % replicas.Length;
                var victim = replicas[victimIndex];
                var owned = victim.Owned(Topic);

                var killedAt = Stopwatch.GetTimestamp();
                victim.Kill();
                var value = Encoding.UTF8.GetBytes("""{"amount":1}""");
                await streamLog.AppendAsync(Topic, [.. Enumerable.Range(0, 4000).Select(_ => new StreamRecord($"counter-{random.Next(10_000)}", value))]);
                var ends = (await streamLog.GetOffsetsAsync(Topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
                var survivors = replicas.Where(r => r != victim).ToArray();
                long? Consumed(int p) => survivors.Select(s => s.CommittedAt(p, ends[p])).Where(t => t is not null).Min();
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
