using System.Net.Http.Json;
using Microsoft.Playwright;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api.Dashboard;

/// <summary>
/// The dashboard in a real browser: Debian's chromium driven by Playwright against the built Api on Kestrel. The page
/// must load without console errors, and its system panel must show ingested events being applied.
/// </summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    [Trait("Category", "Process")]
    [Trait("Category", "Browser")]
    public async Task Dashboard_loads_without_console_errors_and_the_system_panel_follows_ingested_events()
    {
        var chromium = Chromium.Find();
        var library = Path.Combine(RepositoryPaths.Cache, "npm", "uplot-1.6.32", "package", "dist");
        Assert.True(File.Exists(Path.Combine(library, "uPlot.esm.js")), $"{library} is missing: run scripts/setup.sh (step 60-dashboard).");
        using var data = new TempDirectory();
        var assembly = RepositoryPaths.ProjectAssembly("Api", "StreamOrleans.Api");
        var ports = FreePorts.Take(2);
        var (api, baseAddress) = await ApiProcess.StartAsync(assembly,
        [
            $"--contentRoot={Path.GetDirectoryName(assembly)}",
            $"--Silo:DataDirectory={data.Path}",
            $"--Cluster:SiloPort={ports[0]}",
            $"--Cluster:GatewayPort={ports[1]}",
            $"--Dashboard:LibraryFolder={library}",
            "--Dashboard:SnapshotInterval=00:00:00.200",
            "--Streams:CheckpointInterval=00:00:00.010",
        ]);
        await using var _ = api;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = Chromium.Arguments });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"page error: {error}");
            }
        };

        var response = await page.GotoAsync(baseAddress.ToString());
        Assert.Equal(200, response?.Status);
        Assert.EndsWith("/dashboard/", page.Url, StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => Number(document.getElementById('system').dataset.ticks) >= 2");
        Assert.Equal("0", await page.GetAttributeAsync("#system", "data-events-applied"));

        using var http = new HttpClient { BaseAddress = baseAddress };
        using var ingest = await http.PostAsJsonAsync(
            new Uri("api/streams/counter-events/events", UriKind.Relative),
            new { events = Enumerable.Range(0, 40).Select(i => new { key = $"browser-{i % 4}", value = new { amount = 1 } }) });
        ingest.EnsureSuccessStatusCode();

        await page.WaitForFunctionAsync("() => document.getElementById('system').dataset.eventsApplied === '40'", null, new() { Timeout = 30_000 });
        Assert.Equal("40", await page.TextContentAsync("#system-events-applied"));
        // Not measured on Orleans: the page says so instead of showing a number or failing.
        Assert.Equal("n/a", await page.TextContentAsync("#system-p99-turn"));
        Assert.Equal("n/a", await page.TextContentAsync("#system-p99"));
        // The four counters, plus the grains the feature panels' queries activate (trend ranking, recommender model, ...).
        Assert.InRange(int.Parse(await page.TextContentAsync("#system-active-grains") ?? "0", System.Globalization.CultureInfo.InvariantCulture), 4, 20);
        Assert.Contains("counter-events", await page.TextContentAsync("#system-topics"), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#system .uplot").CountAsync());
        Assert.Equal("live", await page.TextContentAsync("#connection"));

        // The feature panels follow their streams too: posts make a trending topic, user events make popular products.
        var now = DateTimeOffset.UtcNow;
        using var posts = await http.PostAsJsonAsync(
            new Uri("api/streams/posts/events", UriKind.Relative),
            new { events = Enumerable.Range(0, 5).Select(i => new { key = $"bp-{i}", value = new { postId = $"bp-{i}", author = "tester", text = $"great news about #browsertest {i}", timestamp = now } }) });
        posts.EnsureSuccessStatusCode();
        using var clicks = await http.PostAsJsonAsync(
            new Uri("api/streams/user-events/events", UriKind.Relative),
            new { events = Enumerable.Range(0, 3).Select(i => new { key = "shopper", value = new { userId = "shopper", productId = "browser-product", kind = "purchase", timestamp = now } }) });
        clicks.EnsureSuccessStatusCode();
        await page.WaitForFunctionAsync("() => document.getElementById('trends-table').textContent.includes('#browsertest')", null, new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('popular-list').textContent.includes('browser-product')", null, new() { Timeout = 30_000 });

        var screenshot = Path.Combine(RepositoryPaths.Root, "TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.Empty(problems);
    }
}
