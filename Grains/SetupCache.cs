namespace StreamOrleans.Grains;

/// <summary>
/// Finds files that scripts/setup.sh downloads (VADER's lexicon, face-api's weights) in the set-up cache:
/// STREAMORLEANS_CACHE, else the .cache folder of the repository the program runs from.
/// </summary>
public static class SetupCache
{
    /// <summary>The environment variable that names the cache folder.</summary>
    public const string EnvironmentVariable = "STREAMORLEANS_CACHE";

    /// <summary>The full path of <paramref name="relativePath"/> in the cache; throws naming scripts/setup.sh when it is missing.</summary>
    public static string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var root = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : FindRepositoryCache();
        var path = root is null ? null : Path.Combine(root, relativePath);
        return path is not null && (File.Exists(path) || Directory.Exists(path))
            ? path
            : throw new FileNotFoundException(
                $"'{relativePath}' is not in the set-up cache ({root ?? "no .cache folder found"}). Run scripts/setup.sh, or set {EnvironmentVariable}, " +
                "or configure the path explicitly.", path ?? relativePath);
    }

    private static string? FindRepositoryCache()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StreamOrleans.sln")))
            {
                return Path.Combine(directory.FullName, ".cache");
            }
        }

        return null;
    }
}
