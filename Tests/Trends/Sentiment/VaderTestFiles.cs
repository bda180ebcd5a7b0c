using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Trends.Sentiment;

/// <summary>
/// Locates the files the VADER tests need: the committed fixtures (Tests/Fixtures/Sentiment) and the lexicon that
/// scripts/setup/40-vader.sh unpacks into the set-up cache (STREAMORLEANS_CACHE, else .cache/ beside StreamOrleans.sln).
/// </summary>
internal static class VaderTestFiles
{
    private static readonly Lazy<VaderLexicon> SharedLexicon = new(() => VaderLexicon.Load(LexiconPath));

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string FixturesFolder => Path.Combine(RepositoryRoot, "Tests", "Fixtures", "Sentiment");

    public static string LexiconPath
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("STREAMORLEANS_CACHE") is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : Path.Combine(RepositoryRoot, ".cache");
            var path = Path.Combine(cache, VaderLexicon.CacheRelativePath);
            Assert.True(File.Exists(path), $"VADER lexicon missing at {path}: run scripts/setup.sh (step 40-vader) first.");
            return path;
        }
    }

    /// <summary>The real lexicon, loaded once for all tests.</summary>
    public static VaderLexicon Lexicon => SharedLexicon.Value;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamOrleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StreamOrleans.sln above {AppContext.BaseDirectory}.");
    }
}
