using StreamOrleans.Grains.Trends.Sentiment;
using StreamOrleans.Tests.Support;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

/// <summary>
/// Locates the files the VADER tests need: the committed fixtures (Tests/Fixtures/Sentiment) and the lexicon that
/// scripts/setup/40-vader.sh unpacks into the set-up cache (STREAMORLEANS_CACHE, else .cache/ beside StreamOrleans.sln).
/// </summary>
internal static class VaderTestFiles
{
    private static readonly Lazy<VaderLexicon> SharedLexicon = new(() => VaderLexicon.Load(LexiconPath));

    public static string RepositoryRoot => RepositoryPaths.Root;

    public static string FixturesFolder => RepositoryPaths.Fixtures("Sentiment");

    public static string LexiconPath
    {
        get
        {
            var path = Path.Combine(RepositoryPaths.Cache, VaderLexicon.CacheRelativePath);
            Assert.True(File.Exists(path), $"VADER lexicon missing at {path}: run scripts/setup.sh (step 40-vader) first.");
            return path;
        }
    }

    /// <summary>The real lexicon, loaded once for all tests.</summary>
    public static VaderLexicon Lexicon => SharedLexicon.Value;
}
