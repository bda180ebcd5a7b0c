using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;
using StreamOrleans.AppHost.Demo;

namespace StreamOrleans.AppHost;

/// <summary>Starts the local system, shows what flows, and stops it cleanly on Ctrl+C.</summary>
internal static class SystemRunner
{
    public static async Task<int> RunAsync(AppHostSettings settings, CancellationToken cancellationToken)
    {
        var root = FindRepositoryRoot();
        var api = Path.Combine(root, "Api", "bin", settings.Configuration, "net10.0", "StreamOrleans.Api.dll");
        if (!File.Exists(api))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(api)} is missing.[/] Build first: dotnet build StreamOrleans.sln -c {settings.Configuration} (scripts/run.sh does).");
            return 2;
        }

        var dataDirectory = Path.GetFullPath(settings.DataDirectory, root);
        Directory.CreateDirectory(dataDirectory);
        var url = $"http://127.0.0.1:{settings.Port}";
        var clustering = ReplicaCluster.Describe(settings, dataDirectory);
        if (settings.Replicas > 1)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(clustering)}[/]");
        }

        var services = new List<(ServiceProcess Process, Uri Address, string Log)>();
        await using var stopAll = new ServiceGroup();
        for (var i = 0; i < settings.Replicas; i++)
        {
            // Replica 1 is "api" (api.log) as with one process; others are api-2, api-3, ...
            var name = i == 0 ? "api" : $"api-{i + 1}";
            var address = $"http://127.0.0.1:{settings.Port + i}";
            var log = Path.Combine(dataDirectory, $"{name}.log");
            AnsiConsole.MarkupLine($"[grey]Starting the API + silo on {address} (silo port {settings.SiloPort + i}, data in {Markup.Escape(dataDirectory)}, log in {Markup.Escape(log)})[/]");
            var environment = new Dictionary<string, string>(settings.ApiEnvironment);
            foreach (var (key, value) in ReplicaCluster.Environment(settings, i))
            {
                environment[key] = value;
            }

            var process = ServiceProcess.Start(name, api, [$"--urls={address}", $"--Silo:DataDirectory={dataDirectory}", $"--contentRoot={Path.Combine(root, "Api")}"], log, environment);
            stopAll.Add(process);
            services.Add((process, new Uri(address + "/"), log));

            // The first replica is up before the others start: with Development clustering it is the primary silo the
            // others join through; with PostgreSQL clustering it creates the membership schema once.
            if (i == 0 && !await WaitForHealthAsync(services[0], cancellationToken))
            {
                return 1;
            }
        }

        foreach (var service in services.Skip(1))
        {
            if (!await WaitForHealthAsync(service, cancellationToken))
            {
                return 1;
            }
        }

        using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(10) };
        AnsiConsole.MarkupLine($"[green]Up.[/] API: {url}   health: {url}/health   OpenAPI: {url}/openapi/v1.json   counters: {url}/api/counters/counter-0");
        AnsiConsole.MarkupLine($"[green]Dashboard:[/] {url}/dashboard/");
        AnsiConsole.MarkupLine($"[grey]Providers: {Markup.Escape(DescribeProviders(settings))}; {Markup.Escape(clustering)}[/]");
        AnsiConsole.MarkupLine("[grey]Ctrl+C stops everything (in-flight events finish, grains checkpoint).[/]");

        using var demoStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var generator = new CounterDemoGenerator(http, settings.Rate, settings.Keys, TimeProvider.System);
        var demo = settings.Demo ? generator.RunAsync(demoStop.Token) : Task.CompletedTask;
        var cameras = new CameraDemoGenerator(http, FaceApiDemoAssets.DemoDirectory(root), cameras: 3, framesPerSecond: 2, TimeProvider.System);
        var cameraDemo = settings.Demo ? cameras.RunAsync(demoStop.Token) : Task.CompletedTask;
        var shoppers = new RecommendationDemoGenerator(http, eventsPerSecond: 200, TimeProvider.System);
        var shopperDemo = settings.Demo ? shoppers.RunAsync(demoStop.Token) : Task.CompletedTask;
        var posts = new TrendsDemoGenerator(http, postsPerSecond: 5, TimeProvider.System);
        var postsDemo = settings.Demo ? posts.RunAsync(demoStop.Token) : Task.CompletedTask;
        var demos = settings.Demo
            ? new (string Name, Func<long> Sent, Func<long> Failed)[]
            {
                ("user events (shoppers)", () => shoppers.Sent, () => shoppers.Failed),
                ("posts (trends)", () => posts.Sent, () => posts.Failed),
                ("camera frames", () => cameras.Sent, () => cameras.Failed),
            }
            : [];
        await ShowProgressAsync(http, [.. services.Select(s => s.Address)], generator, demos, settings, cancellationToken);

        await demoStop.CancelAsync();
        await demo;
        await cameraDemo;
        await shopperDemo;
        await postsDemo;
        AnsiConsole.MarkupLine(settings.Replicas == 1 ? "[grey]Stopping the API + silo...[/]" : $"[grey]Stopping the {settings.Replicas} replicas, the first last (each hands its queues over)...[/]");
        foreach (var (process, _, _) in Enumerable.Reverse(services))
        {
            await process.StopAsync(TimeSpan.FromSeconds(30));
        }

        AnsiConsole.MarkupLine($"[green]Stopped.[/] Sent {generator.Sent:N0} demo events ({generator.Failed:N0} failed).");
        AnsiConsole.MarkupLine($"Sent {posts.Sent:N0} posts ({posts.Failed:N0} failed{(posts.Failed == 0 ? "" : ": " + Markup.Escape(posts.LastError))}); trends: {url}/api/trends?window=5m.");
        AnsiConsole.MarkupLine($"Sent {shoppers.Sent:N0} user events ({shoppers.Failed:N0} failed); recommendations: {url}/api/users/{RecommendationDemoGenerator.SampleUser}/recommendations, model: {url}/api/models/recommender.");
        AnsiConsole.MarkupLine($"Sent {cameras.Sent:N0} camera frames ({cameras.Failed:N0} failed{(cameras.LastError.Length > 0 ? ": " + Markup.Escape(cameras.LastError) : "")}); cameras: {url}/api/cameras, faces: {url}/api/faces.");
        foreach (var (process, address, log) in services.Where(s => s.Process.ExitCode != 0))
        {
            AnsiConsole.MarkupLine($"[red]The API + silo on {address} exited with code {process.ExitCode}; see {Markup.Escape(log)}.[/]");
        }

        if (services.Any(s => s.Process.ExitCode != 0))
        {
            return 1;
        }

        AnsiConsole.MarkupLine("[green]Clean stop:[/] all partitions checkpointed (API + silo exit code 0).");
        return 0;
    }

    private static string DescribeProviders(AppHostSettings settings) =>
        $"log {settings.ApiEnvironment.GetValueOrDefault("Silo__LogProvider", "Sqlite")}, state {settings.ApiEnvironment.GetValueOrDefault("Silo__StateProvider", "Sqlite")}";

    private static async Task ShowProgressAsync(
        HttpClient http, IReadOnlyList<Uri> replicas, CounterDemoGenerator generator, IReadOnlyList<(string Name, Func<long> Sent, Func<long> Failed)> demos, AppHostSettings settings, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("what", "value");
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var previous = 0L;
            try
            {
                do
                {
                    var (lag, end) = await ReadTopicAsync(http, cancellationToken);
                    var sample = await ReadCounterAsync(http, "counter-0", cancellationToken);
                    table.Rows.Clear();
                    table.AddRow("demo events sent", $"{generator.Sent:N0} ({generator.Sent - previous:N0}/s, target {settings.Rate:N0}/s)");
                    table.AddRow("failed sends", generator.Failed == 0 ? "0" : $"[red]{generator.Failed:N0}[/] {Markup.Escape(generator.LastError)}");
                    table.AddRow("counter-events end offsets", $"{end:N0}");
                    table.AddRow("consumer lag (grains)", $"{lag:N0}");
                    table.AddRow("counter-0", Markup.Escape(sample));
                    foreach (var (name, sent, failed) in demos)
                    {
                        table.AddRow(name, failed() == 0 ? $"{sent():N0} sent" : $"{sent():N0} sent, [red]{failed():N0} failed[/]");
                    }

                    if (replicas.Count > 1)
                    {
                        foreach (var replica in replicas)
                        {
                            table.AddRow($"replica {replica.Authority}", Markup.Escape(await ReadOwnershipAsync(http, replica, cancellationToken)));
                        }
                    }
                    previous = generator.Sent;
                    context.Refresh();
                }
                while (await timer.WaitForNextTickAsync(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        });
    }

    private static async Task<(long Lag, long End)> ReadTopicAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/streams/counter-events", UriKind.Relative), cancellationToken));
            var end = doc.RootElement.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("endOffset").GetInt64());
            var lag = doc.RootElement.GetProperty("consumerGroups").EnumerateArray().Where(g => g.GetProperty("group").GetString() == "grains").Sum(g => g.GetProperty("totalLag").GetInt64());
            return (lag, end);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (-1, -1);
        }
    }

    // "S127.0.0.1:11112:...: 9 queues (3 of counter-events)" from the replica's dashboard snapshot: Orleans balances the
    // queues among the silos.
    private static async Task<string> ReadOwnershipAsync(HttpClient http, Uri replica, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(replica, "api/dashboard/snapshot"), cancellationToken));
            var owned = doc.RootElement.GetProperty("ownedPartitions").EnumerateArray().Select(p => p.GetString()).ToList();
            var counters = owned.Count(p => p!.StartsWith("counter-events/", StringComparison.Ordinal));
            return $"silo {doc.RootElement.GetProperty("member").GetString()}: {owned.Count} queues ({counters} of counter-events)";
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException)
        {
            return $"not answering ({e.Message})";
        }
    }

    private static async Task<string> ReadCounterAsync(HttpClient http, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetStringAsync(new Uri($"api/counters/{key}", UriKind.Relative), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    private static async Task<bool> WaitForHealthAsync((ServiceProcess Process, Uri Address, string Log) service, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(10) };
        if (await WaitForHealthAsync(probe, service.Process, cancellationToken))
        {
            return true;
        }

        AnsiConsole.MarkupLine($"[red]The API on {service.Address} did not become healthy; see {Markup.Escape(service.Log)}.[/]");
        return false;
    }

    private static async Task<bool> WaitForHealthAsync(HttpClient http, ServiceProcess service, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        for (var attempt = 0; attempt < 240 && !service.HasExited; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }

        return false;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StreamOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the AppHost from inside the repository (StreamOrleans.sln not found above it).");
    }
}
