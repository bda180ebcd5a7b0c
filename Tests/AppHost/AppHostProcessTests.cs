using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.AppHost;

/// <summary>
/// The AppHost as a user runs it (built output, its own Api child processes): it becomes healthy, demo data flows
/// (the counter grain's count rises, observed on the dashboard's event stream ticks), several replicas form one Orleans
/// cluster that splits the queues, and SIGTERM stops it cleanly.
/// </summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task AppHost_starts_the_system_data_flows_and_sigterm_stops_it_cleanly()
    {
        using var data = new TempDirectory();
        var port = FreeLoopbackPorts(3);
        var (process, output) = await StartAppHostAsync(
            ["--port", $"{port}", "--silo-port", $"{port + 1}", "--gateway-port", $"{port + 2}", "--rate", "200", "--keys", "5", "--data", data.Path]);
        await using var _ = process;

        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        Assert.Contains(output, l => l.Contains($"Dashboard: http://127.0.0.1:{port}/dashboard/", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("health", UriKind.Relative))).StatusCode);

        // Each server-sent snapshot is a tick: read counter-0 on ticks until its count has risen twice.
        var counts = new List<long>();
        using (var flowing = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        using (var events = await http.GetAsync(new Uri("api/dashboard/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, flowing.Token))
        using (var reader = new StreamReader(await events.Content.ReadAsStreamAsync(flowing.Token)))
        {
            while (counts.Count < 3 && await reader.ReadLineAsync(flowing.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                using var counter = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/counters/counter-0", UriKind.Relative), flowing.Token));
                var count = counter.RootElement.GetProperty("count").GetInt64();
                if (count > 0 && (counts.Count == 0 || count > counts[^1]))
                {
                    counts.Add(count);
                }
            }
        }

        Assert.Equal(3, counts.Count);

        await StopAndAssertCleanAsync(process, output, TimeSpan.FromSeconds(90), [Path.Combine(data.Path, "api.log")]);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("Sqlite")]
    public async Task AppHost_runs_two_replicas_that_form_one_cluster_split_the_queues_and_stop_cleanly(string providers)
    {
        using var data = new TempDirectory();
        var port = FreeLoopbackPorts(6); // HTTP, silo and gateway ports of two replicas
        string[] arguments = ["--port", $"{port}", "--silo-port", $"{port + 2}", "--gateway-port", $"{port + 4}", "--replicas", "2", "--rate", "200", "--keys", "5", "--data", data.Path];
        if (providers == "Postgres")
        {
            var connectionString = await PostgresDatabase.CreateSchemaAsync("apphost");
            arguments = [.. arguments, "--log-provider", "Postgres", "--state-provider", "Postgres", "--postgres", connectionString];
        }

        // 32 queues per topic (the replicas inherit the AppHost's environment), so Orleans' ring leaves neither silo
        // without counter-events queues (p < 1e-9).
        var (process, output) = await StartAppHostAsync(arguments, new Dictionary<string, string> { ["Streams__DefaultPartitions"] = "32" });
        await using var _ = process;

        // The console may wrap the AppHost's long lines at spaces.
        Assert.Contains(providers == "Postgres" ? "PostgreSQL clustering" : "Development clustering", string.Join(' ', output), StringComparison.Ordinal);
        if (!output.Any(l => l.Contains("Dashboard:", StringComparison.Ordinal)))
        {
            // Keep the replicas' logs for the failure report (the temp folder goes with the test).
            var kept = Path.Combine(RepositoryPaths.Root, "TestResults", "apphost-replicas");
            Directory.CreateDirectory(kept);
            foreach (var log in Directory.GetFiles(data.Path, "*.log"))
            {
                File.Copy(log, Path.Combine(kept, Path.GetFileName(log)), overwrite: true);
            }

            Assert.Fail($"the AppHost did not come up (replica logs in {kept}):\n{string.Join('\n', output)}\n{process.Errors}");
        }

        using var first = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        using var second = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port + 1}/"), Timeout = TimeSpan.FromSeconds(60) };

        // On each dashboard tick: both silos read some counter-events queues, none twice, and counter-0 (wherever Orleans
        // placed it) answers the same from both replicas, rising as the demo sends.
        var split = false;
        var counts = new List<long>();
        using (var flowing = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        using (var events = await first.GetAsync(new Uri("api/dashboard/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, flowing.Token))
        using (var reader = new StreamReader(await events.Content.ReadAsStreamAsync(flowing.Token)))
        {
            while (!(split && counts.Count >= 2) && await reader.ReadLineAsync(flowing.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var owned = new[] { await CounterPartitionsAsync(first, flowing.Token), await CounterPartitionsAsync(second, flowing.Token) };
                split = owned.All(o => o.Count > 0) && !owned[0].Intersect(owned[1]).Any();
                var fromFirst = await CounterAsync(first, flowing.Token);
                if (split && fromFirst > 0 && fromFirst == await CounterAsync(second, flowing.Token) && (counts.Count == 0 || fromFirst > counts[^1]))
                {
                    counts.Add(fromFirst);
                }
            }
        }

        Assert.True(split, "the two replicas never split counter-events' queues");
        Assert.True(counts.Count >= 2, "counter-0 did not rise while both replicas answered the same");

        await StopAndAssertCleanAsync(process, output, TimeSpan.FromSeconds(120), [Path.Combine(data.Path, "api.log"), Path.Combine(data.Path, "api-2.log")]);
    }

    // SIGTERM: the AppHost exits 0 saying every partition was checkpointed, and each API's log says its silo stopped so.
    private static async Task StopAndAssertCleanAsync(ChildProcess process, List<string> output, TimeSpan timeout, string[] apiLogs)
    {
        PosixSignals.Terminate(process.Id);
        await process.WaitForExitAsync(timeout);
        while (process.Lines.TryRead(out var line))
        {
            output.Add(line);
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; output:\n{string.Join('\n', output)}\n{process.Errors}");
        Assert.Contains(output, l => l.Contains("all partitions checkpointed", StringComparison.Ordinal));
        foreach (var log in apiLogs)
        {
            var lines = await File.ReadAllLinesAsync(log);
            Assert.True(
                lines.Any(l => l.Contains("Silo stopped: all partitions checkpointed", StringComparison.Ordinal)),
                $"{Path.GetFileName(log)} does not say its silo stopped cleanly; its last lines:\n{string.Join('\n', lines.TakeLast(40))}");
        }
    }

    // Starts the built AppHost and reads its output until it printed the dashboard's address ("Up." and the address come
    // after every API answered /health), or until it exited.
    private static async Task<(ChildProcess Process, List<string> Output)> StartAppHostAsync(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var appHost = RepositoryPaths.ProjectAssembly("AppHost", "StreamOrleans.AppHost");
        RepositoryPaths.ProjectAssembly("Api", "StreamOrleans.Api");
        environment ??= [];
        environment["NO_COLOR"] = "1";
        var process = ChildProcess.StartDotnet(appHost, [.. arguments, "--configuration", RepositoryPaths.Configuration], environment);
        var output = new List<string>();
        try
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await foreach (var line in process.Lines.ReadAllAsync(startup.Token))
            {
                output.Add(line);
                if (line.Contains("Dashboard:", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return (process, output);
    }

    private static async Task<HashSet<string>> CounterPartitionsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var snapshot = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/dashboard/snapshot", UriKind.Relative), cancellationToken));
        return [.. snapshot.RootElement.GetProperty("ownedPartitions").EnumerateArray().Select(p => p.GetString()!).Where(p => p.StartsWith("counter-events/", StringComparison.Ordinal))];
    }

    private static async Task<long> CounterAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var counter = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/counters/counter-0", UriKind.Relative), cancellationToken));
        return counter.RootElement.GetProperty("count").GetInt64();
    }

    // Consecutive free ports (the AppHost gives replica i port + i, silo port + i, gateway port + i), below the kernel's
    // ephemeral range, so that a process binding port 0 meanwhile (other tests start APIs that way) cannot take one.
    private static int FreeLoopbackPorts(int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port + i);
                    listeners.Add(listener);
                    listener.Start();
                }

                return port;
            }
            catch (SocketException) when (attempt < 50)
            {
            }
            finally
            {
                foreach (var listener in listeners)
                {
                    listener.Dispose();
                }
            }
        }
    }
}
