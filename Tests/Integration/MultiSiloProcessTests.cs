using System.Globalization;
using StreamOrleans.Streaming.Log;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// Three real silo processes form one cluster (development clustering on a primary silo) and share the
/// queues of a stream: one secondary is SIGKILLed mid-stream (its queues move to the survivors once it is declared
/// dead), the other is stopped with SIGTERM (it checkpoints and hands its queues over); every counter ends exact.
/// </summary>
public class MultiSiloProcessTests(ITestOutputHelper output)
{
    private const string Topic = "counter-events";
    private const int Partitions = 32; // so each of three silos owns queues (the ring leaves one none with p < 1e-5)
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    [Trait("Category", "Process")]
    public async Task Survivors_take_over_killed_and_stopped_silos_queues_with_exact_totals()
    {
        var workload = new CounterWorkload(new Random(Environment.TickCount), keys: 300);
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path, PollInterval = TimeSpan.FromMilliseconds(10) });
        await log.CreateTopicAsync(Topic, Partitions);
        var ports = FreePorts.Take(6);
        var committed = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        var signal = new ConditionWaiter();

        await using var primary = Start(directory, ports, 0);
        await using var second = Start(directory, ports, 1);
        await using var third = Start(directory, ports, 2);
        var children = new[] { primary, second, third };
        var commitsBySilo = new int[children.Length];
        var followers = children.Select((child, i) => Follow(child, committed, signal, () => Interlocked.Increment(ref commitsBySilo[i]))).ToList();

        // The stream flows until every silo has joined and committed queues of its own.
        var started = DateTime.UtcNow;
        do
        {
            await workload.AppendAsync(log, 1000);
            await WaitUntilCommittedAsync(log, committed, signal, "the silos consume");
            Assert.True(DateTime.UtcNow - started < Timeout, $"not every silo took queues within {Timeout}: commits per silo {string.Join(", ", commitsBySilo)}");
        }
        while (commitsBySilo.Any(c => c == 0));

        await workload.AppendAsync(log, 4000);
        await third.KillAsync();
        await workload.AppendAsync(log, 2000);
        await WaitUntilCommittedAsync(log, committed, signal, "the survivors took over the killed silo's queues");
        workload.AssertPersisted(directory.File("grains.db"), "counter", "after SIGKILL");

        PosixSignals.Terminate(second.Id);
        await second.WaitForExitAsync(Timeout);
        Assert.Equal(0, second.ExitCode);
        await workload.AppendAsync(log, 2000);
        await WaitUntilCommittedAsync(log, committed, signal, "the primary took over the stopped silo's queues");
        workload.AssertPersisted(directory.File("grains.db"), "counter", "after SIGTERM");
        output.WriteLine($"committed: {string.Join(", ", committed.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}"))}");
    }

    private static ChildProcess Start(TempDirectory directory, int[] ports, int index) =>
        ChildProcess.StartDotnet(RepositoryPaths.ProjectAssembly("Silo", "StreamOrleans.Silo"), [
            $"--Silo:DataDirectory={directory.Path}",
            "--Silo:ReportCheckpoints=true",
            "--Cluster:Clustering=Development",
            $"--Cluster:PrimarySiloPort={ports[0]}",
            $"--Cluster:SiloPort={ports[index * 2]}",
            $"--Cluster:GatewayPort={ports[(index * 2) + 1]}",
            $"--Streams:DefaultPartitions={Partitions}",
            "--Streams:CheckpointInterval=00:00:00.020",
            "--Streams:PollInterval=00:00:00.010",
            "--Streams:Sqlite:PollInterval=00:00:00.010",
            "--Logging:LogLevel:Default=Warning",
        ]);

    // Each child prints "checkpoint TOPIC PARTITION OFFSET" per commit; the highest offset per partition is what counts.
    private static async Task Follow(ChildProcess child, System.Collections.Concurrent.ConcurrentDictionary<int, long> committed, ConditionWaiter signal, Action onCommit)
    {
        await foreach (var line in child.Lines.ReadAllAsync())
        {
            if (line.Split(' ') is ["checkpoint", Topic, var partition, var offset])
            {
                committed.AddOrUpdate(int.Parse(partition, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture), (_, old) => Math.Max(old, long.Parse(offset, CultureInfo.InvariantCulture)));
                onCommit();
                signal.Notify();
            }
        }
    }

    private static async Task WaitUntilCommittedAsync(SqliteStreamLog log, System.Collections.Concurrent.ConcurrentDictionary<int, long> committed, ConditionWaiter signal, string what)
    {
        var ends = (await log.GetOffsetsAsync(Topic)).ToDictionary(o => o.Partition, o => o.EndOffset);
        await signal.WaitUntilAsync(() => ends.All(e => committed.GetValueOrDefault(e.Key) >= e.Value), Timeout, what);
    }
}
