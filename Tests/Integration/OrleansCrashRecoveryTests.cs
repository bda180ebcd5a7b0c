using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using StreamOrleans.Runtime.Streams;
using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// The exactly-once guarantee of the Orleans path, with real processes: a silo on Microsoft Orleans (Silo:Engine=Orleans,
/// the log stream provider, StreamCounterGrain on SQLite storage) is SIGKILLed at random moments while it applies a
/// stream, restarted, and after every restart each counter's persisted totals are exactly what was appended: nothing
/// lost (the committed offset never passed unpersisted state), nothing counted twice (replays below the positions
/// stored with the state are skipped). The parent appends through its own connection to the same log file.
/// </summary>
public class OrleansCrashRecoveryTests(ITestOutputHelper output)
{
    private const string Topic = "counter-events";
    private const int Partitions = 8;
    private const int Kills = 24;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    [Trait("Category", "Process")]
    public async Task Totals_are_exact_after_repeated_SIGKILLs_of_an_Orleans_silo_mid_stream()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        using var directory = new TempDirectory();
        var expected = new Dictionary<string, (long Count, long Sum)>();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path, PollInterval = TimeSpan.FromMilliseconds(10) });
        await log.CreateTopicAsync(Topic, Partitions);
        var silo = RepositoryPaths.ProjectAssembly("Silo", "StreamOrleans.Silo");

        await AppendAsync(log, random, expected, 3000);
        for (var round = 0; round <= Kills; round++)
        {
            var ports = FreePorts.Take(2);
            await using var child = ChildProcess.StartDotnet(silo, [
                "--Silo:Engine=Orleans",
                $"--Silo:DataDirectory={directory.Path}",
                "--Silo:ReportCheckpoints=true",
                $"--Cluster:SiloPort={ports[0]}",
                $"--Cluster:GatewayPort={ports[1]}",
                $"--Streams:DefaultPartitions={Partitions}",
                "--Streams:CheckpointEvents=100",
                "--Streams:CheckpointInterval=00:00:00.020",
                "--Streams:PollInterval=00:00:00.010",
                "--Streams:Sqlite:PollInterval=00:00:00.010",
                "--Logging:LogLevel:Default=Warning",
            ]);

            // After each restart: it catches up, and the persisted totals are exact.
            await WaitUntilCommittedAsync(log, child);
            AssertTotals(directory, expected, round);
            if (round == Kills)
            {
                break;
            }

            // Then more events arrive, and it dies at a random moment while applying them.
            await AppendAsync(log, random, expected, random.Next(500, 3000));
            var checkpointsBeforeKill = random.Next(0, 4);
            for (var seen = 0; seen < checkpointsBeforeKill;)
            {
                var line = await child.Lines.ReadAsync().AsTask().WaitAsync(RoundTimeout);
                seen += line.StartsWith("checkpoint ", StringComparison.Ordinal) ? 1 : 0;
            }

            await child.KillAsync();
        }
    }

    private static async Task AppendAsync(SqliteStreamLog log, Random random, Dictionary<string, (long Count, long Sum)> expected, int count)
    {
        var records = new List<StreamRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"counter-{random.Next(400)}";
            var amount = random.Next(1, 1000);
            var (c, s) = expected.GetValueOrDefault(key);
            expected[key] = (c + 1, s + amount);
            records.Add(new StreamRecord(key, System.Text.Encoding.UTF8.GetBytes($$"""{"amount":{{amount}}}""")));
        }

        foreach (var chunk in records.Chunk(500))
        {
            await log.AppendAsync(Topic, chunk);
        }
    }

    // The child prints "checkpoint TOPIC PARTITION OFFSET" after each commit: follow those until every partition is
    // committed up to the end offsets the parent wrote.
    private async Task WaitUntilCommittedAsync(SqliteStreamLog log, ChildProcess child)
    {
        var ends = (await log.GetOffsetsAsync(Topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
        var committed = new Dictionary<int, long>(await log.GetCommittedOffsetsAsync("grains", Topic));
        while (ends.Any(e => e.Value > committed.GetValueOrDefault(e.Key)))
        {
            string line;
            try
            {
                line = await child.Lines.ReadAsync().AsTask().WaitAsync(RoundTimeout);
            }
            catch (Exception e) when (e is TimeoutException or System.Threading.Channels.ChannelClosedException)
            {
                output.WriteLine(child.Errors);
                throw new InvalidOperationException($"The silo did not catch up ({(child.HasExited ? $"exited with {child.ExitCode}" : "timed out")}). stderr: {child.Errors}", e);
            }

            if (line.Split(' ') is ["checkpoint", Topic, var partition, var offset])
            {
                committed[int.Parse(partition, CultureInfo.InvariantCulture)] = long.Parse(offset, CultureInfo.InvariantCulture);
            }
        }
    }

    // Reads the counters' persisted state (readable JSON) straight from the silo's state database.
    private static void AssertTotals(TempDirectory directory, Dictionary<string, (long Count, long Sum)> expected, int round)
    {
        var actual = new Dictionary<string, (long, long)>();
        using (var connection = new SqliteConnection($"Data Source={directory.File("grains.db")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT grain_key, payload FROM grain_state WHERE grain_type = 'streamcounter' AND state_name = 'counter'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                using var json = JsonDocument.Parse((byte[])reader.GetValue(1));
                actual[reader.GetString(0)] = (json.RootElement.GetProperty("count").GetInt64(), json.RootElement.GetProperty("sum").GetInt64());
            }
        }

        Assert.True(expected.Count == actual.Count, $"round {round}: {actual.Count} counters persisted, {expected.Count} expected");
        foreach (var (key, totals) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var found) && found == totals, $"round {round}: {key} has {found}, expected {totals}");
        }
    }
}
