using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// The exactly-once guarantee with a real process: a silo (the log stream provider, CounterGrain on SQLite storage)
/// consumes counter events from a SQLite log while the parent appends through its own connection; it is SIGKILLed at a
/// random moment 24 times and restarted, and after every restart each counter's persisted totals are exactly what was
/// appended: nothing lost (the committed offset never passed unpersisted state), nothing counted twice (replays below
/// the positions stored with the state are skipped).
/// </summary>
public class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Partitions = 8;
    private const int Kills = 24;
    private const string GrainType = "counter"; // Orleans' type name of CounterGrain, the grain_type column of its state
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    [Trait("Category", "Process")]
    public async Task Totals_are_exact_after_repeated_SIGKILLs_mid_stream()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var workload = new CounterWorkload(random);
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path, PollInterval = TimeSpan.FromMilliseconds(10) });
        await log.CreateTopicAsync(CounterWorkload.Topic, Partitions);
        var silo = RepositoryPaths.ProjectAssembly("Silo", "StreamOrleans.Silo");

        await workload.AppendAsync(log, 3000);
        for (var round = 0; round <= Kills; round++)
        {
            // Fresh ports each round: a killed silo's ports may linger for a moment.
            var ports = FreePorts.Take(2);
            await using var child = ChildProcess.StartDotnet(silo, [
                $"--Cluster:SiloPort={ports[0]}",
                $"--Cluster:GatewayPort={ports[1]}",
                $"--Silo:DataDirectory={directory.Path}",
                "--Silo:ReportCheckpoints=true",
                $"--Streams:DefaultPartitions={Partitions}",
                "--Streams:CheckpointEvents=100",
                "--Streams:CheckpointInterval=00:00:00.020",
                "--Streams:PollInterval=00:00:00.010",
                "--Streams:Sqlite:PollInterval=00:00:00.010",
                "--Telemetry:Enabled=false",
                "--Logging:LogLevel:Default=Warning",
            ]);

            // After each restart: it catches up, and the persisted totals are exact.
            await ChildCheckpoints.WaitUntilCommittedAsync(log, child, CounterWorkload.Topic, RoundTimeout);
            workload.AssertPersisted(directory.File("grains.db"), GrainType, $"round {round}");
            if (round == Kills)
            {
                break;
            }

            // Then more events arrive, and it dies at a random moment while applying them.
            await workload.AppendAsync(log, random.Next(500, 3000));
            var checkpointsBeforeKill = random.Next(0, 4);
            for (var seen = 0; seen < checkpointsBeforeKill;)
            {
                var line = await child.Lines.ReadAsync().AsTask().WaitAsync(RoundTimeout);
                seen += line.StartsWith("checkpoint ", StringComparison.Ordinal) ? 1 : 0;
            }

            await child.KillAsync();
        }
    }
}
