using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using StreamOrleans.Tools.Demo;

namespace StreamOrleans.Tools;

/// <summary>
/// `demo`: the demo data of every feature (counter events, shoppers, posts, camera frames) sent to a running API until
/// Ctrl+C / SIGTERM, with a live table when stdout is a terminal and one plain progress line every 10 s otherwise (the
/// app host's console log, a file). Runs inside a host with the service defaults, so its HTTP calls are traced.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan PlainReportPeriod = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            using var http = ApiConnection.Create(settings.Url, settings.ApiKey, TimeSpan.FromSeconds(10));
            var counters = new CounterDemoGenerator(http, settings.Rate, settings.Keys, TimeProvider.System);
            var shoppers = new RecommendationDemoGenerator(http, settings.ShopperEventsPerSecond, TimeProvider.System);
            var posts = new TrendsDemoGenerator(http, settings.PostsPerSecond, TimeProvider.System);
            var cameras = new CameraDemoGenerator(http, FaceApiDemoAssets.DemoDirectory(FindRepositoryRoot()), settings.Cameras, settings.FramesPerSecond, TimeProvider.System);
            var demos = new (string Name, Func<long> Sent, Func<long> Failed, Func<string> LastError)[]
            {
                ("counter events", () => counters.Sent, () => counters.Failed, () => counters.LastError),
                ("user events (shoppers)", () => shoppers.Sent, () => shoppers.Failed, () => shoppers.LastError),
                ("posts (trends)", () => posts.Sent, () => posts.Failed, () => posts.LastError),
                ("camera frames", () => cameras.Sent, () => cameras.Failed, () => cameras.LastError),
            };

            AnsiConsole.MarkupLine($"[grey]Demo data to {Markup.Escape(settings.Url)}: {settings.Rate:N0} counter events/s over {settings.Keys:N0} keys, shoppers, posts and {settings.Cameras} cameras. Ctrl+C stops.[/]");
            var running = Task.WhenAll(counters.RunAsync(cancellationToken), shoppers.RunAsync(cancellationToken), posts.RunAsync(cancellationToken), cameras.RunAsync(cancellationToken));
            await (IsTerminal() ? ShowLiveAsync(http, demos, cancellationToken) : ReportPlainAsync(http, demos, cancellationToken));
            await running;

            foreach (var (name, sent, failed, lastError) in demos)
            {
                AnsiConsole.MarkupLine($"Sent {sent():N0} {name} ({failed():N0} failed{(lastError().Length > 0 ? ": " + Markup.Escape(lastError()) : "")}).");
            }

            AnsiConsole.MarkupLine($"Recommendations: {settings.Url}/api/users/{RecommendationDemoGenerator.SampleUser}/recommendations; trends: {settings.Url}/api/trends?window=5m; cameras: {settings.Url}/api/cameras.");
            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>True when stdout is an interactive terminal (a live table redraws with ANSI codes; a file would fill with them).</summary>
    internal static bool IsTerminal() => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static async Task ShowLiveAsync(HttpClient http, IReadOnlyList<(string Name, Func<long> Sent, Func<long> Failed, Func<string> LastError)> demos, CancellationToken cancellationToken)
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
                    table.Rows.Clear();
                    var counters = demos[0].Sent();
                    table.AddRow("counter events/s", $"{counters - previous:N0}");
                    table.AddRow("counter-events end offsets", $"{end:N0}");
                    table.AddRow("consumer lag (grains)", $"{lag:N0}");
                    table.AddRow("counter-0", Markup.Escape(await ReadCounterAsync(http, "counter-0", cancellationToken)));
                    foreach (var (name, sent, failed, lastError) in demos)
                    {
                        table.AddRow(name, failed() == 0 ? $"{sent():N0} sent" : $"{sent():N0} sent, [red]{failed():N0} failed[/] {Markup.Escape(lastError())}");
                    }

                    previous = counters;
                    context.Refresh();
                }
                while (await timer.WaitForNextTickAsync(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        });
    }

    private static async Task ReportPlainAsync(HttpClient http, IReadOnlyList<(string Name, Func<long> Sent, Func<long> Failed, Func<string> LastError)> demos, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PlainReportPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var (lag, _) = await ReadTopicAsync(http, cancellationToken);
                var sent = string.Join(", ", demos.Select(d => d.Failed() == 0 ? $"{d.Name} {d.Sent():N0}" : $"{d.Name} {d.Sent():N0} ({d.Failed():N0} failed: {d.LastError()})"));
                Console.Out.WriteLine($"demo: sent {sent}; counter-events lag {lag:N0}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
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
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (-1, -1);
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

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StreamOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
