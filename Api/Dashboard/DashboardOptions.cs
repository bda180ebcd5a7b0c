using System.ComponentModel.DataAnnotations;

namespace StreamOrleans.Api.Dashboard;

/// <summary>Dashboard settings (configuration section "Dashboard"), validated at start-up.</summary>
public sealed class DashboardOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>The npm package (name-version) whose dist/ folder holds the charting library.</summary>
    public const string ChartLibraryPackage = "uplot-1.6.32";

    /// <summary>
    /// Folder holding uPlot's built files (uPlot.iife.min.js, uPlot.min.css), served at /dashboard/lib/uplot/. Default
    /// null: $STREAMORLEANS_CACHE/npm/uplot-1.6.32/package/dist, else the repository's .cache next to the content
    /// root (where scripts/setup.sh puts it). The Docker image sets it to the copy inside the image.
    /// </summary>
    public string? LibraryFolder { get; set; }

    /// <summary>Folder of the page itself (index.html, dashboard.js, dashboard.css). Default null: Dashboard/wwwroot under the content root.</summary>
    public string? PageFolder { get; set; }

    /// <summary>How often the live event stream pushes a system snapshot. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "SnapshotInterval must be between 50 ms and 1 minute.")]
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(1);
}
