using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using StreamOrleans.Api.Replicas;
using StreamOrleans.Grains.Interfaces.Diagnostics;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Integration.Replicas;

/// <summary>
/// The replica scenario of issue 7, for any shared stream log (grain state in PostgreSQL): three replica processes split
/// the partitions; one is SIGKILLed mid-stream and the survivors take its partitions over within 10 s; one is stopped
/// gracefully and hands its partitions over after checkpointing. Every counter stays exact, and every replica answers
/// for every key (forwarding to the owner).
/// </summary>
internal static class ReplicaScenario
{
    public const string Topic = CounterEvent.Topic;
    public const int Partitions = 8;
    private const int Keys = 500;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs the scenario: <paramref name="log"/> is the shared log the test appends to (topic created with
    /// <see cref="Partitions"/> partitions), <paramref name="providerArguments"/> point the replicas at it and at the
    /// grain state in <paramref name="dataSource"/>.
    /// </summary>
    public static async Task RunAsync(IStreamLog log, NpgsqlDataSource dataSource, IReadOnlyList<string> providerArguments)
    {
        var events = new ReplicaEvents();
        var expected = new Dictionary<string, (long Count, long Sum)>(StringComparer.Ordinal);
        var random = new Random(7);

        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Replica.StartAsync($"r{i}", Arguments(providerArguments, $"r{i}"), events)));
        await using var r0 = replicas[0];
        await using var r1 = replicas[1];
        await using var r2 = replicas[2];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await RunScenarioAsync(replicas, events, log, dataSource, http, expected, random);
        }
        catch
        {
            // The replicas' own account of what happened, for the failure report.
            var folder = Path.Combine(RepositoryPaths.Root, "TestResults", "replicas");
            Directory.CreateDirectory(folder);
            foreach (var replica in replicas)
            {
                await File.WriteAllLinesAsync(Path.Combine(folder, $"{replica.Name}.log"), replica.Output);
            }

            throw;
        }
    }

    private static async Task RunScenarioAsync(Replica[] replicas, ReplicaEvents events, IStreamLog log, NpgsqlDataSource dataSource, HttpClient http, Dictionary<string, (long Count, long Sum)> expected, Random random)
    {
        var (r0, r1, r2) = (replicas[0], replicas[1], replicas[2]);

        // 1. The partitions are split: each replica owns some, none twice, all owned.
        await events.WaitUntilAsync(() => SplitAmong(replicas), Timeout, "three replicas owning disjoint partitions covering all 8");

        // 2. Half the events, then SIGKILL r1 once it has committed something (mid-stream), then the other half.
        await AppendAsync(log, expected, random, 6_000);
        var victim = Owned(r1);
        await events.WaitUntilAsync(() => victim.Any(p => events.Committed(Topic, p) > 0), Timeout, "r1 committing a checkpoint");
        var killedAt = await r1.KillAsync();
        await AppendAsync(log, expected, random, 6_000);

        // 3. The survivors take r1's partitions and consume them again; everything is committed.
        await events.WaitUntilAsync(() => SplitAmong([r0, r2]), Timeout, "r0 and r2 owning all partitions after the kill");
        await WaitForAllCommittedAsync(log, events);
        var failover = victim.Max(p => Stopwatch.GetElapsedTime(killedAt, events.FirstCheckpointAfter(Topic, p, killedAt, notBy: "r1")
            ?? throw new InvalidOperationException($"nobody consumed {Topic}/{p} after the kill")));
        Assert.True(failover <= TimeSpan.FromSeconds(10), $"r1's partitions were consumed again after {failover.TotalSeconds:0.0} s (limit 10 s)");

        // 4. Both survivors answer for every key, served by the key's owner.
        var forwarded = 0;
        foreach (var replica in new[] { r0, r2 })
        {
            forwarded += await AssertCountersAsync(http, replica, expected, [r0, r2]);
        }

        Assert.True(forwarded > Keys / 2, $"only {forwarded} of {2 * Keys} answers came from another replica than the one asked");

        // Grains no stream feeds (model, directory) and the whole-topic trend grains live on one replica; the others
        // call them there, so every replica gives the same answer.
        foreach (var route in new[] { "api/models/recommender", "api/models/sentiment", "api/cameras", "api/trends" })
        {
            var answers = new List<string>();
            foreach (var replica in new[] { r0, r2 })
            {
                using var response = await http.GetAsync(new Uri(replica.Address, route));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{replica.Name} answered {(int)response.StatusCode} for {route}: {body}");
                answers.Add(body);
            }

            Assert.Equal(answers[0], answers[1]);
        }

        // A rewind of the silo's group is refused while other replicas own some of the partitions.
        using (var seek = await http.PostAsync(new Uri(r0.Address, $"api/streams/{Topic}/consumers/grains/seek"), JsonContent.Create(new { to = "earliest" })))
        {
            var problem = await seek.Content.ReadAsStringAsync();
            Assert.Equal(System.Net.HttpStatusCode.Conflict, seek.StatusCode);
            Assert.Contains("owned by other replicas", problem, StringComparison.Ordinal);
        }

        // 5. Graceful stop: r2 checkpoints, hands over and exits 0; r0 owns everything and the counts stay exact.
        await r2.StopGracefullyAsync(Timeout);
        Assert.Equal(0, r2.Process.ExitCode);
        await events.WaitUntilAsync(() => SplitAmong([r0]), Timeout, "r0 owning all partitions after r2 stopped");
        await AppendAsync(log, expected, random, 2_000);
        await WaitForAllCommittedAsync(log, events);
        Assert.Equal(0, await AssertCountersAsync(http, r0, expected, [r0]));
        Assert.Equal(expected.Values.Sum(v => v.Count), await PersistedEventCountAsync(dataSource));
    }

    private static string Describe(Replica[] replicas, int partition) =>
        string.Join("; ", replicas.Select(r => $"{r.Name} owns [{string.Join(",", Owned(r))}]")) + $"; key partition {partition}";

    private static string[] Arguments(IReadOnlyList<string> providerArguments, string member) =>
    [
        .. providerArguments,
        "--Silo:ReportCheckpoints=true",
        $"--Streams:Ownership:MemberId={member}",
        "--Streams:Ownership:RebalanceInterval=00:00:00.250",
        $"--Streams:DefaultPartitions={Partitions}",
        "--Streams:CheckpointEvents=200",
        "--Streams:CheckpointInterval=00:00:00.050",
        "--Telemetry:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
    ];

    private static int[] Owned(Replica replica) =>
        [.. replica.Owned.Where(p => p.StartsWith(Topic + "/", StringComparison.Ordinal)).Select(p => int.Parse(p[(Topic.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))];

    // Every live replica owns at least one partition of the topic, no partition twice, all of them.
    private static bool SplitAmong(IReadOnlyCollection<Replica> replicas)
    {
        var owned = replicas.Select(Owned).ToList();
        return owned.All(o => o.Length > 0) && owned.Sum(o => o.Length) == Partitions && owned.SelectMany(o => o).Distinct().Count() == Partitions;
    }

    private static async Task AppendAsync(IStreamLog log, Dictionary<string, (long Count, long Sum)> expected, Random random, int count)
    {
        var records = new List<StreamRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"k{random.Next(Keys)}";
            var amount = random.Next(1, 100);
            var (c, s) = expected.GetValueOrDefault(key);
            expected[key] = (c + 1, s + amount);
            records.Add(new StreamRecord(key, JsonSerializer.SerializeToUtf8Bytes(new { amount })));
        }

        foreach (var batch in records.Chunk(500))
        {
            await log.AppendAsync(Topic, batch);
        }
    }

    private static async Task WaitForAllCommittedAsync(IStreamLog log, ReplicaEvents events)
    {
        var ends = await log.GetOffsetsAsync(Topic);
        await events.WaitUntilAsync(() => ends.All(e => events.Committed(Topic, e.Partition) >= e.EndOffset), Timeout, "every partition committed to its end");
    }

    // Asks one replica for every key; returns how many answers another replica served (forwarded).
    private static async Task<int> AssertCountersAsync(HttpClient http, Replica asked, Dictionary<string, (long Count, long Sum)> expected, Replica[] live)
    {
        var forwarded = 0;
        foreach (var (key, (count, sum)) in expected)
        {
            using var response = await http.GetAsync(new Uri(asked.Address, $"api/counters/{key}"));
            Assert.True(response.IsSuccessStatusCode, $"{asked.Name} answered {(int)response.StatusCode} for {key}: {await response.Content.ReadAsStringAsync()}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var servedBy = Assert.Single(response.Headers.GetValues(OwnerForwarding.ServedByHeader));
            var partition = StreamPartitioner.GetPartition(key, Partitions);
            Assert.True(body.GetProperty("count").GetInt64() == count && body.GetProperty("sum").GetInt64() == sum,
                $"{key}: expected {count}/{sum}, got {body}; asked {asked.Name}, served by {servedBy}; {Describe(live, partition)}");
            Assert.Equal(live.Single(r => Owned(r).Contains(partition)).Name, servedBy);
            forwarded += servedBy == asked.Name ? 0 : 1;
        }

        return forwarded;
    }

    private static async Task<long> PersistedEventCountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT payload FROM grain_state WHERE grain_type = 'CounterGrain'");
        await using var reader = await command.ExecuteReaderAsync();
        long total = 0;
        while (await reader.ReadAsync())
        {
            using var json = JsonDocument.Parse((byte[])reader.GetValue(0));
            total += json.RootElement.EnumerateObject().Single(p => p.Name.Equals("count", StringComparison.OrdinalIgnoreCase)).Value.GetInt64();
        }

        return total;
    }
}
