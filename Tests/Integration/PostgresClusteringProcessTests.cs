using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Postgres;
using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// Three real silo processes on PostgreSQL clustering, stream log and grain state, with no primary silo: one
/// silo is SIGKILLed mid-stream and must be declared dead so its queues are consumed again within seconds; another is
/// stopped with SIGTERM (exit code 0, it hands its queues over); every counter in grain_state ends exact.
/// </summary>
public class PostgresClusteringProcessTests(ITestOutputHelper output)
{
    private const string Topic = "counter-events";
    private const int Partitions = 32; // so each of three silos owns queues
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    // The 5 s target is a benchmark figure (measured 1.1-2.7 s alone); this bound only catches a broken take-over: under
    // the full suite on 2 cores the same take-over once took 5.7 s (other test processes competing for the CPU).
    private static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(15);

    [Fact]
    [Trait("Category", "Process")]
    public async Task Killed_silo_is_declared_dead_and_its_queues_consumed_again_within_seconds_with_exact_totals()
    {
        var workload = new CounterWorkload(new Random(Environment.TickCount), keys: 300);
        var connectionString = await PostgresDatabase.CreateSchemaAsync("pgclu");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var log = new PostgresStreamLog(dataSource, Options.Create(new PostgresStreamLogOptions()));
        await log.CreateTopicAsync(Topic, Partitions);
        var ports = FreePorts.Take(6);
        var commits = new QueueCommits(silos: 3);

        // No primary: any of them may start first.
        await using var first = Start(connectionString, ports, 0);
        await using var second = Start(connectionString, ports, 1);
        await using var third = Start(connectionString, ports, 2);
        var followers = new[] { first, second, third }.Select((child, i) => commits.FollowAsync(child.Lines, i, Topic)).ToList();

        // The stream flows until every silo has joined and committed queues of its own, and then once more so the
        // queues have settled where the balancer put them.
        var started = Stopwatch.StartNew();
        do
        {
            await workload.AppendAsync(log, 1000);
            await WaitUntilCommittedAsync(log, commits, "the silos consume");
            Assert.True(started.Elapsed < Timeout, $"not every silo took queues within {Timeout}: {commits}");
        }
        while (Enumerable.Range(0, 3).Any(s => commits.PartitionsOf(s).Count == 0));

        await workload.AppendAsync(log, 2000);
        await WaitUntilCommittedAsync(log, commits, "the silos consume before the kill");
        var killedQueues = commits.PartitionsOf(2);
        Assert.NotEmpty(killedQueues);

        var killedAt = Stopwatch.GetTimestamp();
        var killedAtUtc = DateTime.UtcNow;
        await third.KillAsync();
        commits.WatchTakeover(killedQueues, bySilo: 2);
        await workload.AppendAsync(log, 2000);
        await commits.Signal.WaitUntilAsync(() => commits.TakenOver, Timeout, $"the survivors commit the killed silo's {killedQueues.Count} queues");
        var takeover = Stopwatch.GetElapsedTime(killedAt, commits.TakenOverAt);
        output.WriteLine($"SIGKILL to the last of the killed silo's {killedQueues.Count} queues committed by a survivor: {takeover.TotalMilliseconds:0} ms " +
            $"(first: {Stopwatch.GetElapsedTime(killedAt, commits.FirstTakenOverAt).TotalMilliseconds:0} ms; declared dead: {(await DeclaredDeadAsync(connectionString, ports[4]) - killedAtUtc).TotalMilliseconds:0} ms)");
        Assert.True(takeover < TakeoverLimit, $"the killed silo's queues were consumed again {takeover.TotalMilliseconds:0} ms after SIGKILL, more than {TakeoverLimit.TotalSeconds} s");
        await WaitUntilCommittedAsync(log, commits, "the survivors consume everything");
        await AssertTotalsAsync(connectionString, workload, "after SIGKILL");

        PosixSignals.Terminate(second.Id);
        await second.WaitForExitAsync(Timeout);
        Assert.Equal(0, second.ExitCode);
        await workload.AppendAsync(log, 2000);
        await WaitUntilCommittedAsync(log, commits, "the last silo takes over the stopped silo's queues");
        await AssertTotalsAsync(connectionString, workload, "after SIGTERM");
        Assert.Equal(Partitions, commits.PartitionsOf(0).Count);
        output.WriteLine($"whole test {started.Elapsed.TotalSeconds:0.0} s; {commits}");
    }

    private static ChildProcess Start(string connectionString, int[] ports, int index) =>
        ChildProcess.StartDotnet(RepositoryPaths.ProjectAssembly("Silo", "StreamOrleans.Silo"), [
            "--Silo:LogProvider=Postgres",
            "--Silo:StateProvider=Postgres",
            $"--ConnectionStrings:Postgres={connectionString}",
            "--Silo:ReportCheckpoints=true",
            "--Cluster:Clustering=Postgres",
            $"--Cluster:SiloPort={ports[index * 2]}",
            $"--Cluster:GatewayPort={ports[(index * 2) + 1]}",
            $"--Streams:DefaultPartitions={Partitions}",
            "--Streams:CheckpointInterval=00:00:00.020",
            "--Streams:Postgres:PollInterval=00:00:00.020",
            "--Logging:LogLevel:Default=Warning",
        ]);

    private static async Task WaitUntilCommittedAsync(PostgresStreamLog log, QueueCommits commits, string what)
    {
        var ends = (await log.GetOffsetsAsync(Topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
        await commits.Signal.WaitUntilAsync(() => ends.All(e => commits.OffsetOf(e.Key) >= e.Value), Timeout, what);
    }

    // The membership row of the silo listening on siloPort, once dead: its last suspicion is the vote that declared it dead.
    private static async Task<DateTime> DeclaredDeadAsync(string connectionString, int siloPort)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT suspect_times FROM orleans_cluster_member WHERE port = @port AND status = 6", connection);
        command.Parameters.AddWithValue("port", siloPort);
        var votes = (string)(await command.ExecuteScalarAsync())!;
        return DateTime.SpecifyKind(DateTime.ParseExact(votes.Split('|')[^1].Split(',')[1], "yyyy-MM-dd HH:mm:ss.fff 'GMT'", CultureInfo.InvariantCulture), DateTimeKind.Utc);
    }

    private static async Task AssertTotalsAsync(string connectionString, CounterWorkload workload, string when)
    {
        var actual = new Dictionary<string, (long Count, long Sum)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT grain_key, payload FROM grain_state WHERE grain_type = 'counter' AND state_name = 'counter'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                actual[reader.GetString(0)] = CounterWorkload.Totals((byte[])reader.GetValue(1));
            }
        }

        workload.AssertMatches(actual, when);
    }
}
