using System.Diagnostics;
using System.Net.Http.Json;

namespace StreamOrleans.Tests.Api.Telemetry;

/// <summary>
/// /metrics follows Prometheus' naming conventions (base units such as seconds, _total on counters, help on every
/// family): Debian's <c>promtool check metrics</c> (scripts/setup/60-prometheus.sh) finds nothing to say about our own
/// families and ASP.NET Core's. On the whole page it only reports the names other libraries chose: Orleans' meter
/// (no descriptions, milliseconds and megabytes) and the .NET runtime's <c>*_count</c> gauges (docs/observability.md).
/// </summary>
public sealed class PromtoolCheckTests
{
    private const string Topic = "telemetry-promtool-test";

    [Fact]
    public async Task Promtool_check_metrics_is_clean_on_the_api_metrics()
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool is not installed; run scripts/setup.sh (step 60-prometheus.sh installs Debian's prometheus).");
        await using var api = new ApiFactory(new Dictionary<string, string?> { [$"Streams:Topics:{Topic}:Partitions"] = "1" });
        var client = api.CreateAuthorizedClient();
        (await client.PostAsJsonAsync($"/api/streams/{Topic}/events", new { events = new[] { new { key = "a", value = 1 } } })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/streams/counter-events/events", new { events = new[] { new { key = "promtool", value = new { amount = 1 } } } })).EnsureSuccessStatusCode();
        await api.WaitUntilCommittedAsync("counter-events");
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE streamorleans_stream_checkpoint_duration_seconds histogram", metrics, StringComparison.Ordinal);

        var ours = string.Join('\n', metrics.Split('\n').Where(l => OwnFamilies.Any(f => l.StartsWith(f, StringComparison.Ordinal) || l.StartsWith("# HELP " + f, StringComparison.Ordinal) || l.StartsWith("# TYPE " + f, StringComparison.Ordinal) || l.StartsWith("# UNIT " + f, StringComparison.Ordinal)))) + "\n";
        Assert.Equal((0, ""), await PromtoolAsync(promtool, ours));

        var (_, all) = await PromtoolAsync(promtool, metrics);
        var complaints = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(complaints, c => Assert.True(ThirdPartyFamilies.Any(f => c.StartsWith(f, StringComparison.Ordinal)), $"promtool: {c}"));
    }

    private static readonly string[] OwnFamilies = ["streamorleans_", "http_server_", "http_client_"];

    private static readonly string[] ThirdPartyFamilies = ["orleans_", "dotnet_"];

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(string promtool, string metrics)
    {
        using var check = Process.Start(new ProcessStartInfo(promtool)
        {
            ArgumentList = { "check", "metrics" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = check.StandardOutput.ReadToEndAsync();
        var errors = check.StandardError.ReadToEndAsync();
        await check.StandardInput.WriteAsync(metrics);
        check.StandardInput.Close();
        await check.WaitForExitAsync();

        return (check.ExitCode, (await output + await errors).Trim());
    }
}
