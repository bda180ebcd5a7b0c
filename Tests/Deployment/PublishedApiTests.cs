using System.Diagnostics;
using System.Net;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Deployment;

/// <summary>
/// What the Docker image runs, validated without Docker: the output of <c>dotnet publish</c> of the Api starts with
/// production-like configuration (Production environment, a data directory, an API key, settings from environment
/// variables as Container Apps passes them), answers the probes, serves the dashboard, and stops cleanly on SIGTERM.
/// </summary>
public sealed class PublishedApiTests
{
    [Fact]
    public async Task Published_api_serves_health_probes_and_dashboard_in_production_and_stops_cleanly()
    {
        using var output = new TempDirectory();
        using var data = new TempDirectory();
        var publish = Path.Combine(output.Path, "app");
        await PublishAsync(publish);
        var assembly = Path.Combine(publish, "StreamOrleans.Api.dll");
        Assert.True(File.Exists(Path.Combine(publish, "Dashboard", "wwwroot", "index.html")), "the dashboard page is not in the publish output");

        var (api, baseAddress) = await ApiProcess.StartAsync(assembly, [$"--contentRoot={publish}"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Silo__DataDirectory"] = data.Path,
            ["Api__ApiKey"] = "deploy-test-key",
            ["Dashboard__LibraryFolder"] = Path.Combine(RepositoryPaths.Cache, "npm", "uplot-1.6.32", "package", "dist"),
        });
        await using var _ = api;
        using var http = new HttpClient { BaseAddress = baseAddress };

        foreach (var path in new[] { "health", "health/live", "health/ready", "dashboard/" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /{path}: {(int)response.StatusCode}");
        }

        using (var unauthorized = await http.PostAsync(new Uri("api/streams/counter-events/events", UriKind.Relative), new StringContent("""{"events":[]}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }

        PosixSignals.Terminate(api.Id);
        await api.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(api.ExitCode == 0, $"exit code {api.ExitCode}: {api.Errors}");
    }

    internal static async Task PublishAsync(string folder)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", Path.Combine(RepositoryPaths.Root, "Api", "StreamOrleans.Api.csproj"), "-c", RepositoryPaths.Configuration, "--no-build", "-o", folder })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
