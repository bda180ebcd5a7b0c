using StreamOrleans.Runtime.Streams.Sqlite;
using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// The crash test both engines pass: a real silo process consumes counter events from a SQLite log while the parent
/// appends through its own connection; it is SIGKILLed at a random moment 24 times and restarted, and after every
/// restart each counter's persisted totals are exactly what was appended (nothing lost, nothing counted twice).
/// </summary>
internal static class SiloCrashScenario
{
    private const int Partitions = 8;
    private const int Kills = 24;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs the rounds. <paramref name="engineArguments"/> gives each start's engine-specific arguments (called once per
    /// round, so fresh ports can be taken); <paramref name="grainType"/> is the counter's type in the state table.
    /// </summary>
    public static async Task RunAsync(ITestOutputHelper output, Func<IEnumerable<string>> engineArguments, string grainType)
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
            await using var child = ChildProcess.StartDotnet(silo, [
                .. engineArguments(),
                $"--Silo:DataDirectory={directory.Path}",
                "--Silo:ReportCheckpoints=true",
                $"--Streams:DefaultPartitions={Partitions}",
                "--Streams:CheckpointEvents=100",
                "--Streams:CheckpointInterval=00:00:00.020",
                "--Streams:Sqlite:PollInterval=00:00:00.010",
                "--Logging:LogLevel:Default=Warning",
            ]);

            // After each restart: it catches up, and the persisted totals are exact.
            await ChildCheckpoints.WaitUntilCommittedAsync(log, child, CounterWorkload.Topic, RoundTimeout);
            workload.AssertPersisted(directory.File("grains.db"), grainType, $"round {round}");
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
