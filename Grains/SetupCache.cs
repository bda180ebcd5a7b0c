namespace StreamOrleans.Grains;

/// <summary>
/// Finds files that scripts/setup.sh downloads (VADER's lexicon, face-api's weights) in the set-up cache:
/// STREAMORLEANS_CACHE, else the first .cache folder holding the file above the working folder or the binaries' folder.
/// </summary>
public static class SetupCache
{
    /// <summary>The environment variable that names the cache folder.</summary>
    public const string EnvironmentVariable = "STREAMORLEANS_CACHE";

    /// <summary>The full path of <paramref name="relativePath"/> in the cache, or null when no cache holds it.</summary>
    public static string? Find(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            var path = Path.Combine(configured, relativePath);
            return Exists(path) ? path : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, ".cache", relativePath);
                if (Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The full path of <paramref name="relativePath"/> in the cache; throws naming scripts/setup.sh when it is missing.</summary>
    public static string Resolve(string relativePath) =>
        Find(relativePath) ?? throw new FileNotFoundException(
            $"'{relativePath}' is not in the set-up cache ({Environment.GetEnvironmentVariable(EnvironmentVariable) ?? ".cache above the working or binaries' folder"}). " +
            $"Run scripts/setup.sh, or set {EnvironmentVariable}, or configure the path explicitly.", relativePath);

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
