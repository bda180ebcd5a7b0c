using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using StreamOrleans.Streaming.Log.Postgres;
using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration.Replicas;

/// <summary>
/// Replicas as they are deployed: three API processes, each co-hosting a silo, on PostgreSQL clustering, stream log and
/// grain state, form one Orleans cluster. Every replica's API answers for every grain (Orleans locates it, wherever it
/// lives) with the same exact totals; a replica SIGKILLed mid-stream is declared dead and its queues and grains move to
/// the survivors within 5 s; a replica stopped with SIGTERM hands its queues over and exits 0; every total stays exact.
/// </summary>
public sealed class PostgresReplicaTests(ITestOutputHelper output)
{
    private const string Topic = CounterWorkload.Topic;
    private const int Partitions = 32; // so each of three silos owns queues (the ring leaves one none with p < 1e-5)
    private const int Replicas = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(5);

    [Fact]
    [Trait("Category", "Process")]
    [Trait("Category", "Postgres")]
    public async Task Replicas_form_one_cluster_answer_for_every_grain_and_survive_a_SIGKILL_and_a_SIGTERM_with_exact_totals()
    {
        var workload = new CounterWorkload(new Random(Environment.TickCount), keys: 200);
        var connectionString = await PostgresDatabase.CreateSchemaAsync("replicas");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var log = new PostgresStreamLog(dataSource, Options.Create(new PostgresStreamLogOptions()));
        await log.CreateTopicAsync(Topic, Partitions);
        var commits = new QueueCommits(Replicas);
        var ports = FreePorts.Take(2 * Replicas);

        var started = await ApiProcess.StartAllAsync(RepositoryPaths.ProjectAssembly("Api", "StreamOrleans.Api"), Replicas, i => Arguments(connectionString, ports, i));
        await using var r0 = started[0].Process;
        await using var r1 = started[1].Process;
        await using var r2 = started[2].Process;
        var addresses = started.Select(s => s.BaseAddress).ToArray();
        // Each replica's other lines (warnings, errors), stamped, for a failure's report: TestResults/replicas/replica-N.log.
        var logs = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "TestResults", "replicas")).FullName;
        var writers = Enumerable.Range(0, Replicas).Select(i => TextWriter.Synchronized(new StreamWriter(Path.Combine(logs, $"replica-{i}.log")) { AutoFlush = true })).ToArray();
        var followers = started.Select((s, i) => commits.FollowAsync(s.Process.Lines, i, Topic, line => writers[i].WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"))).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // 1. One cluster: the stream flows until every replica has committed queues of its own.
        var clock = Stopwatch.StartNew();
        do
        {
            await workload.AppendAsync(log, 1000);
            await WaitUntilCommittedAsync(log, commits, "the replicas consume");
            Assert.True(clock.Elapsed < Timeout, $"not every replica took queues within {Timeout}: {commits}");
        }
        while (Enumerable.Range(0, Replicas).Any(r => commits.PartitionsOf(r).Count == 0));

        // 2. Any replica answers for any grain: the same exact totals from each, wherever the grain lives.
        await workload.AppendAsync(log, 2000);
        await WaitUntilCommittedAsync(log, commits, "the replicas consume before the kill");
        foreach (var address in addresses)
        {
            await AssertCountersAsync(http, address, workload, $"asking {address.Authority}");
        }

        // Grains no stream feeds (model, camera directory, trending ranking) live on one silo; every replica calls
        // them there, so every replica gives the same answer.
        await AssertSameAnswersAsync(http, addresses, ["api/models/recommender", "api/cameras", "api/trends"]);

        // 3. SIGKILL r2 while it applies a stream: the survivors commit its queues again within the limit.
        var killedQueues = commits.PartitionsOf(2);
        await workload.AppendAsync(log, 2000);
        var killedAt = Stopwatch.GetTimestamp();
        await r2.KillAsync();
        commits.WatchTakeover(killedQueues, bySilo: 2);
        await workload.AppendAsync(log, 2000);
        await commits.Signal.WaitUntilAsync(() => commits.TakenOver, Timeout, $"the survivors commit the killed replica's {killedQueues.Count} queues");
        var takeover = Stopwatch.GetElapsedTime(killedAt, commits.TakenOverAt);
        output.WriteLine($"SIGKILL to the last of the killed replica's {killedQueues.Count} queues committed by a survivor: {takeover.TotalMilliseconds:0} ms " +
            $"(first: {Stopwatch.GetElapsedTime(killedAt, commits.FirstTakenOverAt).TotalMilliseconds:0} ms)");
        Assert.True(takeover < TakeoverLimit, $"the killed replica's queues were consumed again {takeover.TotalMilliseconds:0} ms after SIGKILL, more than {TakeoverLimit.TotalSeconds} s");
        await WaitUntilCommittedAsync(log, commits, "the survivors consume everything");
        foreach (var address in addresses[..2])
        {
            await AssertCountersAsync(http, address, workload, $"after SIGKILL, asking {address.Authority}");
        }

        await AssertPersistedAsync(dataSource, workload, "after SIGKILL");

        // 4. SIGTERM r1: it checkpoints, hands its queues over and exits 0; r0 consumes every queue, totals exact.
        PosixSignals.Terminate(r1.Id);
        await r1.WaitForExitAsync(Timeout);
        Assert.True(r1.ExitCode == 0, $"r1 exited with {r1.ExitCode}: {r1.Errors}");
        await workload.AppendAsync(log, 2000);
        await WaitUntilCommittedAsync(log, commits, "r0 takes over the stopped replica's queues");
        await AssertCountersAsync(http, addresses[0], workload, "after SIGTERM");
        await AssertPersistedAsync(dataSource, workload, "after SIGTERM");
        Assert.Equal(Partitions, commits.PartitionsOf(0).Count);
        output.WriteLine($"whole test {clock.Elapsed.TotalSeconds:0.0} s; {commits}");
    }

    private static string[] Arguments(string connectionString, int[] ports, int index) =>
    [
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
        "--Telemetry:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
    ];

    private static async Task WaitUntilCommittedAsync(PostgresStreamLog log, QueueCommits commits, string what)
    {
        var ends = (await log.GetOffsetsAsync(Topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
        await commits.Signal.WaitUntilAsync(() => ends.All(e => e.Value == 0 || commits.OffsetOf(e.Key) >= e.Value), Timeout, what);
    }

    // GET /api/counters/{key} of every key the workload wrote, from one replica.
    private static async Task AssertCountersAsync(HttpClient http, Uri replica, CounterWorkload workload, string when)
    {
        var actual = new Dictionary<string, (long Count, long Sum)>();
        foreach (var key in workload.Expected.Keys)
        {
            using var response = await GetAsync(http, new Uri(replica, $"api/counters/{key}"), when);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{when}: {(int)response.StatusCode} for {key}: {body}");
            using var json = JsonDocument.Parse(body);
            actual[key] = (json.RootElement.GetProperty("count").GetInt64(), json.RootElement.GetProperty("sum").GetInt64());
        }

        workload.AssertMatches(actual, when);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, Uri uri, string when)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await http.GetAsync(uri);
        }
        catch (TaskCanceledException e)
        {
            throw new TimeoutException($"{when}: GET {uri} did not answer in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s (at {DateTime.UtcNow:HH:mm:ss.fff} UTC; see TestResults/replicas)", e);
        }
    }

    private static async Task AssertSameAnswersAsync(HttpClient http, Uri[] replicas, string[] routes)
    {
        foreach (var route in routes)
        {
            var answers = new List<string>();
            foreach (var replica in replicas)
            {
                using var response = await http.GetAsync(new Uri(replica, route));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{replica.Authority} answered {(int)response.StatusCode} for {route}: {body}");
                answers.Add(body);
            }

            Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        }
    }

    private static async Task AssertPersistedAsync(NpgsqlDataSource dataSource, CounterWorkload workload, string when)
    {
        var actual = new Dictionary<string, (long Count, long Sum)>();
        await using var command = dataSource.CreateCommand("SELECT grain_key, payload FROM grain_state WHERE grain_type = 'counter' AND state_name = 'counter'");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actual[reader.GetString(0)] = CounterWorkload.Totals((byte[])reader.GetValue(1));
        }

        workload.AssertMatches(actual, $"{when} (grain_state)");
    }
}
