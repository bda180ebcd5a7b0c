using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Dashboard.Contracts;

namespace StreamOrleans.Api.Dashboard;

/// <summary>
/// The live dashboard: the page at /dashboard (and / redirects there), its charting library, a system snapshot, and
/// a server-sent event stream pushing a snapshot every <see cref="DashboardOptions.SnapshotInterval"/>.
/// </summary>
public static class DashboardApi
{
    /// <summary>Maps GET /, /dashboard, /dashboard/{file}, /dashboard/lib/uplot/{file}, /api/dashboard/snapshot, /features and /events.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => TypedResults.Redirect("/dashboard/"))
            .WithTags("Dashboard").WithName("DashboardRoot").WithSummary("Redirect to the dashboard").ExcludeFromDescription();

        var page = routes.MapGroup("/dashboard").WithTags("Dashboard").ExcludeFromDescription();
        page.MapGet("/", GetPage).WithName("GetDashboard").WithSummary("The dashboard page");
        page.MapGet("/{file}", GetPageFile).WithName("GetDashboardFile").WithSummary("A file of the dashboard page (script, style)");
        page.MapGet("/lib/uplot/{file}", GetLibraryFile).WithName("GetDashboardLibraryFile").WithSummary("A file of the uPlot charting library");

        var api = routes.MapGroup("/api/dashboard").WithTags("Dashboard");
        api.MapGet("/snapshot", GetSnapshotAsync).WithName("GetSystemSnapshot")
            .WithSummary("Events/s and lag per topic, active grains, p99 ingest-to-applied latency, dead letters");
        api.MapGet("/features", (FeatureRouteProbe probe) => TypedResults.Ok(probe.Probe())).WithName("GetDashboardFeatures")
            .WithSummary("Which feature panels have routes in this build (trends, recommendations, popular products, cameras)");
        api.MapGet("/events", GetEvents).WithName("GetDashboardEvents")
            .WithSummary("Server-sent events: a 'snapshot' event with the system snapshot every interval");
        return routes;
    }

    internal static Results<PhysicalFileHttpResult, ProblemHttpResult> GetPage(DashboardFiles files) => GetPageFile("index.html", files);

    internal static Results<PhysicalFileHttpResult, ProblemHttpResult> GetPageFile(string file, DashboardFiles files) =>
        files.Page(file) is PhysicalFileHttpResult found
            ? found
            : NotFound($"The dashboard has no file '{file}'.");

    internal static Results<PhysicalFileHttpResult, ProblemHttpResult> GetLibraryFile(string file, DashboardFiles files) =>
        files.Library(file) is PhysicalFileHttpResult found
            ? found
            : NotFound($"The uPlot file '{file}' is missing: run scripts/setup.sh (or set Dashboard:LibraryFolder).");

    internal static async Task<Ok<SystemSnapshot>> GetSnapshotAsync(SystemSnapshotService snapshots, CancellationToken cancellationToken) =>
        TypedResults.Ok(await snapshots.CaptureAsync(cancellationToken));

    internal static ServerSentEventsResult<SystemSnapshot> GetEvents(SystemSnapshotService snapshots, IOptions<DashboardOptions> options, TimeProvider timeProvider, HttpContext context) =>
        TypedResults.ServerSentEvents(StreamAsync(snapshots, options.Value.SnapshotInterval, timeProvider, context.RequestAborted));

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    private static async IAsyncEnumerable<SseItem<SystemSnapshot>> StreamAsync(
        SystemSnapshotService snapshots, TimeSpan interval, TimeProvider timeProvider, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            SystemSnapshot snapshot;
            try
            {
                snapshot = await snapshots.CaptureAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            yield return new SseItem<SystemSnapshot>(snapshot, "snapshot");
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
