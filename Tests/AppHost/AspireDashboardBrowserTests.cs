using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StreamOrleans.Tests.Support;
using TempDirectory = StreamOrleans.Tests.Support.TempDirectory;

namespace StreamOrleans.Tests.AppHost;

/// <summary>
/// The Aspire dashboard as a user sees it after <c>scripts/run.sh</c> on embedded defaults, in Debian's chromium driven
/// by Playwright: every resource is listed as Running, the API's console log shows its lines, and one HTTP ingest sent
/// with a known W3C traceparent is one trace in the Traces page holding the API request, the stream provider's delivery
/// (<c>stream.deliver</c>) and, in the consumer grain's turn, <c>stream.apply</c> and its state write.
/// Screenshots of the three pages go to TestResults/aspire-dashboard-*.png.
/// </summary>
public sealed class AspireDashboardBrowserTests
{
    private const string Dashboard = "aspire-dashboard";
    private static readonly string[] Resources = ["api", "demo"];
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(90);

    [Fact]
    [Trait("Category", "Process")]
    [Trait("Category", "Browser")]
    public async Task Dashboard_lists_every_resource_running_shows_the_api_console_log_and_one_ingest_as_one_trace_into_the_grain()
    {
        var chromium = Chromium.Find();
        using var data = new TempDirectory();
        // The dashboard's addresses scripts/run.sh exports, on free ports. Aspire.Hosting.Testing would move every proxied
        // port (DcpPublisher:RandomizePorts), the dashboard's OTLP endpoint included, while the resources are told the
        // configured OTLP address: their telemetry would reach nobody. So the ports stay as configured, the API's too.
        var ports = FreePorts.Take(5);
        string[] arguments =
        [
            "--data", data.Path, "--rate", "200", "--keys", "5", "--port", $"{ports[4]}",
            "--DcpPublisher:RandomizePorts", "false",
            "--ASPNETCORE_URLS", $"http://127.0.0.1:{ports[0]}",
            "--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", $"http://127.0.0.1:{ports[1]}",
            "--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", $"http://127.0.0.1:{ports[2]}",
            "--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", $"http://127.0.0.1:{ports[3]}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true",
            "--ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", "true",
        ];
        var screenshots = Path.Combine(RepositoryPaths.Root, "TestResults");
        Directory.CreateDirectory(screenshots);

        await AppHostRun.RunAsync(arguments, Resources, replicas: 1, "aspire-dashboard", TimeSpan.FromMinutes(6), async (app, cancellationToken) =>
        {
            var dashboardUrl = await DashboardReadyAsync(app, cancellationToken);
            var api = await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cancellationToken);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = Chromium.Arguments });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
            page.SetDefaultTimeout((float)PageWait.TotalMilliseconds);
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            try
            {
                // Resources: a row per resource whose name cell is the resource and whose row says Running.
                await page.GotoAsync(dashboardUrl.ToString());
                await page.WaitForFunctionAsync(
                    """
                    names => names.every(name => [...document.querySelectorAll('[role="row"]')].some(row =>
                        [...row.querySelectorAll('[role="gridcell"]')].some(cell => cell.textContent.trim() === name)
                        && row.textContent.includes('Running')))
                    """,
                    Resources);
                await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "aspire-dashboard-resources.png"), FullPage = true });

                // Console logs of the API: its lines stream in (the receivers' start lines at the least).
                await page.GotoAsync(new Uri(dashboardUrl, $"consolelogs/resource/{api.ResourceId}").ToString());
                await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.log-content')].filter(l => l.textContent.trim().length > 0).length >= 3");
                await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "aspire-dashboard-console.png") });

                // One ingest with a known trace id; the Traces page filtered on it, then the trace's detail page.
                using var http = app.CreateHttpClient("api", "http");
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/streams/counter-events/events", UriKind.Relative))
                {
                    Content = JsonContent.Create(new { events = new[] { new { key = "aspire-dashboard-trace", value = new { amount = 1 } } } }),
                };
                request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
                (await http.SendAsync(request, cancellationToken)).EnsureSuccessStatusCode();

                await page.GotoAsync(new Uri(dashboardUrl, $"traces?filters=trace.traceid:equals:{traceId}").ToString());
                await page.Locator(".trace-id", new() { HasTextString = traceId[..7] }).First.WaitForAsync();
                await page.GotoAsync(new Uri(dashboardUrl, $"traces/detail/{traceId}").ToString());
                string[] spans =
                [
                    "POST /api/streams/{topic}/events",            // ASP.NET Core's request span in the API
                    "MSG streamorleans receive counter-events",     // stream.deliver: the pulling agent hands the record to its grain
                    "MSG streamorleans process counter-events",     // stream.apply: the grain's turn applies it
                    "storage.write",                                // the turn's state write
                ];
                await page.WaitForFunctionAsync("texts => texts.every(t => document.body.innerText.includes(t))", spans);
                await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "aspire-dashboard-trace.png"), FullPage = true });
            }
            catch (Exception e)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "aspire-dashboard-failure.png"), FullPage = true });
                await File.WriteAllTextAsync(Path.Combine(screenshots, "aspire-dashboard-failure.html"), await page.ContentAsync(), CancellationToken.None);
                throw new Xunit.Sdk.XunitException($"{e.Message}\n{await TelemetryHeldAsync(dashboardUrl, traceId)}", e);
            }
        }, (options, _) => options.DisableDashboard = false);
    }

    // What the dashboard's telemetry API holds when a page did not show what the test waited for: how many traces it
    // keeps (at its 10,000-trace limit the oldest are dropped) and the spans of the test's trace, if any arrived.
    private static async Task<string> TelemetryHeldAsync(Uri dashboardUrl, string traceId)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = dashboardUrl, Timeout = TimeSpan.FromSeconds(10) };
            using var all = JsonDocument.Parse(await http.GetStringAsync("api/telemetry/traces?limit=1"));
            var held = all.RootElement.TryGetProperty("totalCount", out var count) ? count.ToString() : "?";
            using var trace = await http.GetAsync($"api/telemetry/traces/{traceId}");
            var spans = trace.IsSuccessStatusCode
                ? string.Join(", ", SpanNames(JsonDocument.Parse(await trace.Content.ReadAsStringAsync()).RootElement))
                : $"HTTP {(int)trace.StatusCode}";
            return $"The dashboard holds {held} traces; trace {traceId} has spans: [{spans}]";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"dashboard telemetry API unavailable: {e.Message}";
        }
    }

    private static IEnumerable<string> SpanNames(JsonElement otlp) =>
        otlp.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
            .SelectMany(r => r.GetProperty("scopeSpans").EnumerateArray())
            .SelectMany(s => s.GetProperty("spans").EnumerateArray())
            .Select(s => s.GetProperty("name").GetString() ?? "?");

    // The dashboard's process says "Now listening on" once it serves; its address is the resource's proxied endpoint.
    private static async Task<Uri> DashboardReadyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var dashboard = await app.ResourceNotifications.WaitForResourceAsync(Dashboard, e => e.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.WatchAsync(dashboard.ResourceId).WithCancellation(cancellationToken))
        {
            if (batch.Any(line => line.Content.Contains("Now listening on", StringComparison.Ordinal)))
            {
                break;
            }
        }

        return new Uri(app.GetEndpoint(Dashboard, "http").ToString().TrimEnd('/') + "/");
    }
}
