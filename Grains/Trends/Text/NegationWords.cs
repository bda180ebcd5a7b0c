using System.Collections.Frozen;

namespace StreamOrleans.Grains.Trends.Text;

/// <summary>
/// English negators that open a negation scope (the "mark words until punctuation" heuristic of Das and Chen 2001
/// and Pang, Lee and Vaithyanathan 2002): explicit negations, "n't" contractions, and their apostrophe-less spellings.
/// </summary>
internal static class NegationWords
{
    private static readonly FrozenSet<string> Words = FrozenSet.ToFrozenSet(
    [
        "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "cannot", "without", "nope",
        "aint", "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt",
        "mustnt", "neednt", "shant", "shouldnt", "wasnt", "werent", "wont", "wouldnt",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when a normalised (lower-case, ' apostrophe) word negates what follows.</summary>
    public static bool IsNegator(ReadOnlySpan<char> normalizedWord) =>
        Lookup.Contains(normalizedWord) || normalizedWord.EndsWith("n't", StringComparison.Ordinal);
}
