namespace StreamOrleans.Tests.Support;

/// <summary>Locates the repository and the build output of its projects from the test assembly's location.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding StreamOrleans.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The set-up cache scripts/setup.sh fills (npm packages, model weights): STREAMORLEANS_CACHE, else .cache/ in the
    /// repository.
    /// </summary>
    public static string Cache =>
        Environment.GetEnvironmentVariable("STREAMORLEANS_CACHE") is { Length: > 0 } fromEnvironment ? fromEnvironment : Path.Combine(Root, ".cache");

    /// <summary>The committed reference fixtures of one area (Tests/Fixtures/AREA).</summary>
    public static string Fixtures(string area) => Path.Combine(Root, "Tests", "Fixtures", area);

    /// <summary>The build configuration the tests run under (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The main assembly of a project of this repository, built in the tests' configuration.</summary>
    public static string ProjectAssembly(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build StreamOrleans.sln -c {Configuration}).", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StreamOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"StreamOrleans.sln not found above {AppContext.BaseDirectory}.");
    }
}
