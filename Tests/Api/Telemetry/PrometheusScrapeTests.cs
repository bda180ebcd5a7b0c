using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>
/// Debian's prometheus (scripts/setup/60-prometheus.sh) scrapes the API's /metrics on a real Kestrel port; its HTTP
/// API then answers a query for our counter with the exact value. Waits on scrape signals, not on sleeps.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const string Topic = "telemetry-prometheus-test";

    [Fact]
    public async Task Prometheus_scrapes_metrics_and_answers_a_query_for_our_counter()
    {
        var prometheusBinary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("prometheus is not installed; run scripts/setup.sh (step 60-prometheus.sh).");
        var scrapes = new ScrapeSignal();
        var apiPort = OtlpHttpReceiver.FreePort();
        await using var api = new ApiFactory(
            new Dictionary<string, string?> { [$"Streams:Topics:{Topic}:Partitions"] = "1" },
            services => services.AddSingleton<IStartupFilter>(scrapes));
        api.UseKestrel(apiPort);
        api.StartServer();
        var client = api.CreateAuthorizedClient();
        (await client.PostAsJsonAsync($"/api/streams/{Topic}/events", new { events = new[] { new { key = "a", value = 1 }, new { key = "b", value = 2 } } })).EnsureSuccessStatusCode();

        using var directory = new TempDirectory();
        var prometheusPort = OtlpHttpReceiver.FreePort();
        var config = Path.Combine(directory.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 200ms
            scrape_configs:
              - job_name: streamorleans
                static_configs:
                  - targets: ['127.0.0.1:{apiPort}']
            """);
        using var prometheus = Process.Start(new ProcessStartInfo(prometheusBinary)
        {
            ArgumentList = { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.Path, "data")}", $"--web.listen-address=127.0.0.1:{prometheusPort}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}") };
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? value = null;
            while (value is null)
            {
                // Each completed scrape is a chance that the sample is queryable; prometheus' API answers only once up.
                await scrapes.NextAsync(deadline.Token);
                value = await TryQueryAsync(http, $"streamorleans_stream_events_in_total{{topic=\"{Topic}\",job=\"streamorleans\"}}", deadline.Token);
            }

            Assert.Equal("2", value);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    private static async Task<string?> TryQueryAsync(HttpClient http, string query, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}", cancellationToken));
            var result = document.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0 ? null : result[0].GetProperty("value")[1].GetString();
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Not up yet (connection refused, 503 while starting) or no answer yet.
            return null;
        }
    }
}
