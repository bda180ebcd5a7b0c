extern alias apphost;

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.AppHost;

/// <summary>
/// The Aspire app host as a user runs it, through Aspire.Hosting.Testing (DCP, no container runtime): checks the
/// resources its Program.cs declares, starts it, waits until the API is healthy and the demo runs, then hands the
/// running application to the test. When the test fails, every resource's console output (as the Aspire dashboard
/// shows it) is kept under TestResults/<c>failureFolder</c>.
/// </summary>
internal static class AppHostRun
{
    /// <summary>
    /// Runs the app host with <paramref name="arguments"/> (the command line of <c>scripts/run.sh</c>) and
    /// <paramref name="whileRunning"/> within <paramref name="timeout"/>; <paramref name="configure"/> adjusts the
    /// testing builder (Aspire.Hosting.Testing turns the Aspire dashboard off unless it is turned back on).
    /// </summary>
    public static async Task RunAsync(
        string[] arguments, string[] resources, int replicas, string failureFolder, TimeSpan timeout,
        Func<DistributedApplication, CancellationToken, Task> whileRunning,
        Action<DistributedApplicationOptions, HostApplicationBuilderSettings>? configure = null)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<apphost::Program>(arguments, configure ?? ((_, _) => { }), cancellation.Token);
        await using var app = await builder.BuildAsync(cancellation.Token);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        // Aspire adds a hidden "NAME-rebuilder" beside each project resource (its rebuild command), and the dashboard when on.
        Assert.Equal(resources, model.Resources.Select(r => r.Name)
            .Where(n => !n.EndsWith("-rebuilder", StringComparison.Ordinal) && n != "aspire-dashboard").Order(StringComparer.Ordinal));
        Assert.Equal(replicas, model.Resources.Single(r => r.Name == "api").Annotations.OfType<ReplicaAnnotation>().SingleOrDefault()?.Replicas ?? 1);

        var logs = new ResourceLogs(app.Services.GetRequiredService<ResourceNotificationService>(), app.Services.GetRequiredService<ResourceLoggerService>());
        try
        {
            await app.StartAsync(cancellation.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cancellation.Token);
            if (resources.Contains("demo"))
            {
                await app.ResourceNotifications.WaitForResourceAsync("demo", KnownResourceStates.Running, cancellation.Token);
            }

            await whileRunning(app, cancellation.Token);
        }
        catch
        {
            logs.WriteTo(Path.Combine(RepositoryPaths.Root, "TestResults", failureFolder));
            throw;
        }
    }
}
