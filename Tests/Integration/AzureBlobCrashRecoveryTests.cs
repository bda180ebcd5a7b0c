using Azure.Storage.Blobs;
using StreamOrleans.Streaming.Log.Sqlite;
using StreamOrleans.Tests.Support;
using Xunit.Abstractions;

namespace StreamOrleans.Tests.Integration;

/// <summary>
/// The exactly-once guarantee with grain state in Azure Blob storage (Azurite): a silo process consumes counter events
/// from a SQLite log and keeps CounterGrain's state in blobs (Silo:StateProvider=AzureBlob, settings from environment
/// variables as Container Apps passes them); it is SIGKILLed at a random moment mid-stream and restarted, and after every
/// restart the totals in the blobs are exactly what was appended. It has its own Azurite (<see cref="AzuriteCrashCollection"/>).
/// </summary>
[Collection(AzuriteCrashCollection.Name)]
public class AzureBlobCrashRecoveryTests(AzuriteFixture fixture, ITestOutputHelper output)
{
    private const int Partitions = 8;
    private const int Kills = 8;
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    [Trait("Category", "Process")]
    [Trait("Category", "Azurite")]
    public async Task Totals_in_blob_storage_are_exact_after_repeated_SIGKILLs_mid_stream()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var workload = new CounterWorkload(random, keys: 200);
        var containerName = AzuriteFixture.UniqueName("crash");
        var container = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(containerName);
        using var directory = new TempDirectory();
        await using var log = new SqliteStreamLog(new SqliteStreamLogOptions { DataDirectory = directory.Path, PollInterval = TimeSpan.FromMilliseconds(10) });
        await log.CreateTopicAsync(CounterWorkload.Topic, Partitions);
        var silo = RepositoryPaths.ProjectAssembly("Silo", "StreamOrleans.Silo");

        await workload.AppendAsync(log, 2000);
        for (var round = 0; round <= Kills; round++)
        {
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
            ], new Dictionary<string, string>
            {
                ["Silo__StateProvider"] = "AzureBlob",
                ["Storage__AzureBlob__ConnectionString"] = fixture.Azurite.ConnectionString,
                ["Storage__AzureBlob__ContainerName"] = containerName,
            });

            // After each restart: it catches up, and the totals in the blobs are exact.
            await ChildCheckpoints.WaitUntilCommittedAsync(log, child, CounterWorkload.Topic, RoundTimeout, line => output.WriteLine($"round {round}: {line}"));
            Assert.Empty(await DeadLetters.ReadAsync(log));
            workload.AssertMatches(await BlobCounters.ReadAsync(container), $"round {round}");
            if (round == Kills)
            {
                break;
            }

            // Then more events arrive, and it dies at a random moment while applying them.
            await workload.AppendAsync(log, random.Next(500, 2000));
            var checkpointsBeforeKill = random.Next(0, 4);
            for (var seen = 0; seen < checkpointsBeforeKill;)
            {
                var line = await child.Lines.ReadAsync().AsTask().WaitAsync(RoundTimeout);
                if (line.StartsWith("checkpoint ", StringComparison.Ordinal))
                {
                    seen++;
                }
                else
                {
                    output.WriteLine($"round {round}: {line}");
                }
            }

            await child.KillAsync();
        }
    }
}
