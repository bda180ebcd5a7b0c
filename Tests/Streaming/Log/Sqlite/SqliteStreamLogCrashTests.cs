using System.Diagnostics;
using System.Globalization;
using System.Text;
using StreamOrleans.Streaming.Log;

namespace StreamOrleans.Tests.Streaming.Log.Sqlite;

/// <summary>
/// Durability under SIGKILL: a child process (see <see cref="StartupHook"/>) appends batches and reports each
/// acknowledged one; the test kills it mid-stream and checks that every acknowledged record survived, with dense offsets.
/// </summary>
public sealed class SqliteStreamLogCrashTests : IDisposable
{
    private const int AckedBatchesBeforeKill = 30;
    private readonly SqliteLogTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Acknowledged_appends_survive_a_killed_process()
    {
        var file = Path.Combine(_directory.Path, "crash.db");
        var lastAcked = await RunChildAndKillAsync(file);

        await using var log = new StreamOrleans.Streaming.Log.Sqlite.SqliteStreamLog(new() { FilePath = file }, TimeProvider.System);
        var stored = new HashSet<long>();
        foreach (var range in await log.GetOffsetsAsync("crash"))
        {
            var records = await log.ReadAsync("crash", range.Partition, 0, int.MaxValue);
            Assert.Equal(Enumerable.Range(0, records.Count).Select(i => (long)i), records.Select(r => r.Offset));
            var sequence = records.Select(r => long.Parse(Encoding.UTF8.GetString(r.Value.Span), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sequence.Order(), sequence);
            Assert.All(records, r => Assert.Equal(StreamPartitioner.GetPartition(r.Key, 4), r.Partition));
            stored.UnionWith(sequence);
        }

        // Everything acknowledged is there, and whole batches only: the store holds 0..n-1 for a batch boundary n.
        Assert.True(stored.Count > lastAcked, $"acknowledged up to {lastAcked}, found only {stored.Count} records");
        Assert.Equal(0, stored.Count % StartupHook.BatchSize);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => (long)i), stored.Order());

        var next = await log.AppendAsync("crash", [new StreamRecord("after", new byte[] { 1 })]);
        var partition = StreamPartitioner.GetPartition("after", 4);
        Assert.Equal((await log.ReadAsync("crash", partition, 0, int.MaxValue)).Count - 1, next[0].Offset);
    }

    private static async Task<long> RunChildAndKillAsync(string file)
    {
        var assembly = typeof(StartupHook).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[StartupHook.DatabaseVariable] = file;

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        var stderr = child.StandardError.ReadToEndAsync();
        long lastAcked = -1;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            for (var acks = 0; acks < AckedBatchesBeforeKill; acks++)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"the child exited early: {await stderr}");
                Assert.StartsWith("acked ", line, StringComparison.Ordinal);
                lastAcked = long.Parse(line["acked ".Length..], CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        // The child may have acknowledged more after our last read; those count too but we only need a lower bound.
        Assert.NotEqual(0, child.ExitCode);
        return lastAcked;
    }
}
