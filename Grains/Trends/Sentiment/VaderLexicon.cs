using System.Collections.Frozen;
using System.Globalization;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// The VADER sentiment lexicon (Hutto and Gilbert 2014): word or emoticon -> mean valence in [-4, 4]. Reads the
/// tab-separated <c>vader_lexicon.txt</c> (token, mean, standard deviation, raw ratings); when a token is listed twice
/// the last line wins, as in the reference implementations. Immutable once loaded, so one instance can be shared by
/// every analyzer and thread.
/// </summary>
public sealed class VaderLexicon
{
    private readonly FrozenDictionary<string, double> _valences;
    private readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;

    private VaderLexicon(Dictionary<string, double> valences)
    {
        _valences = valences.ToFrozenDictionary(StringComparer.Ordinal);
        _spanLookup = _valences.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxKeyLength = valences.Count == 0 ? 0 : valences.Keys.Max(k => k.Length);
    }

    /// <summary>Where scripts/setup/40-vader.sh puts the lexicon, relative to the set-up cache (STREAMORLEANS_CACHE, default .cache/).</summary>
    public const string CacheRelativePath = "npm/vader-sentiment-1.1.3/package/vader_lexicon.txt";

    /// <summary>Number of distinct tokens.</summary>
    public int Count => _valences.Count;

    /// <summary>Length of the longest token; no longer word can be in the lexicon.</summary>
    public int MaxKeyLength { get; }

    /// <summary>Loads a lexicon file (see <see cref="CacheRelativePath"/>); takes some tens of milliseconds, so load once per process.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not "token TAB valence ...".</exception>
    public static VaderLexicon Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"VADER lexicon not found at '{path}'. Run scripts/setup.sh (step 40-vader) to fetch it.", path);
        }

        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses lexicon lines from a reader; <paramref name="sourceName"/> names the source in error messages.</summary>
    public static VaderLexicon Parse(TextReader reader, string sourceName = "lexicon")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var firstTab = line.IndexOf('\t', StringComparison.Ordinal);
            if (firstTab <= 0)
            {
                throw new InvalidDataException($"{sourceName}, line {lineNumber}: expected 'token<TAB>valence', got '{line}'.");
            }

            var rest = line.AsSpan(firstTab + 1);
            var secondTab = rest.IndexOf('\t');
            var valenceText = secondTab < 0 ? rest : rest[..secondTab];
            if (!double.TryParse(valenceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var valence)
                || !double.IsFinite(valence))
            {
                throw new InvalidDataException(
                    $"{sourceName}, line {lineNumber}: valence '{valenceText}' is not a finite number.");
            }

            valences[line[..firstTab]] = valence;
        }

        return new VaderLexicon(valences);
    }

    /// <summary>Builds a lexicon from (token, valence) pairs; later duplicates win. Meant for tests and tools.</summary>
    public static VaderLexicon FromEntries(IEnumerable<KeyValuePair<string, double>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (token, valence) in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(token, nameof(entries));
            if (!double.IsFinite(valence))
            {
                throw new ArgumentOutOfRangeException(nameof(entries), valence, $"Valence of '{token}' must be finite.");
            }

            valences[token] = valence;
        }

        return new VaderLexicon(valences);
    }

    /// <summary>Exact, case-sensitive lookup (the analyzer lower-cases words before it asks).</summary>
    public bool TryGetValence(ReadOnlySpan<char> token, out double valence) => _spanLookup.TryGetValue(token, out valence);
}
