using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace StreamOrleans.Api.Dashboard;

/// <summary>
/// The dashboard's static files: the page (Dashboard/wwwroot) and the charting library from the set-up cache.
/// Files are looked up through <see cref="PhysicalFileProvider"/>, which refuses paths that leave its root.
/// </summary>
internal sealed class DashboardFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public DashboardFiles(IOptions<DashboardOptions> options, IWebHostEnvironment environment)
    {
        var value = options.Value;
        PageFolder = Path.GetFullPath(value.PageFolder ?? Path.Combine(environment.ContentRootPath, "Dashboard", "wwwroot"));
        LibraryFolder = Path.GetFullPath(value.LibraryFolder ?? DefaultLibraryFolder(environment.ContentRootPath));
    }

    /// <summary>Where the page's files are read from.</summary>
    public string PageFolder { get; }

    /// <summary>Where uPlot's files are read from.</summary>
    public string LibraryFolder { get; }

    /// <summary>A file of the page, or null when there is none by that name.</summary>
    public IResult? Page(string name) => Serve(PageFolder, name);

    /// <summary>A file of the charting library, or null when there is none (set-up has not run).</summary>
    public IResult? Library(string name) => Serve(LibraryFolder, name);

    private static IResult? Serve(string folder, string name)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        using var provider = new PhysicalFileProvider(folder);
        var file = provider.GetFileInfo(name);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return null;
        }

        var contentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(file.PhysicalPath, contentType, lastModified: file.LastModified);
    }

    private static string DefaultLibraryFolder(string contentRoot)
    {
        var cache = Environment.GetEnvironmentVariable("STREAMORLEANS_CACHE") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(contentRoot, "..", ".cache");
        return Path.Combine(cache, "npm", DashboardOptions.ChartLibraryPackage, "package", "dist");
    }
}
