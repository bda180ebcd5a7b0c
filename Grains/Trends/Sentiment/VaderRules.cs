using System.Collections.Frozen;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// The constants and word lists of the VADER rules (Hutto and Gilbert 2014), with the values of the reference
/// JavaScript port (npm vader-sentiment 1.1.3) so that our scores agree with it.
/// </summary>
internal static class VaderRules
{
    /// <summary>Valence added by a booster word ("very good").</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>Valence added by a dampener word ("slightly good").</summary>
    public const double BoosterDecrement = -0.293;

    /// <summary>Valence added when a sentiment word is written in ALL CAPS while other words are not.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>Factor applied to a valence in the scope of a negation.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>Valence added per exclamation mark (at most <see cref="MaxExclamationMarks"/> count).</summary>
    public const double ExclamationIncrement = 0.292;

    public const int MaxExclamationMarks = 4;

    /// <summary>Valence added per question mark when there are two or three.</summary>
    public const double QuestionIncrement = 0.18;

    /// <summary>Valence added for four or more question marks.</summary>
    public const double ManyQuestionsIncrement = 0.96;

    /// <summary>Alpha of the compound normalisation x / sqrt(x^2 + alpha).</summary>
    public const double NormalizationAlpha = 15;

    /// <summary>Negation words, compared case-sensitively as the reference does (any word containing "n't" also negates).</summary>
    public static readonly FrozenSet<string> Negators = FrozenSet.ToFrozenSet(
    [
        "ain't", "aint", "aren't", "arent", "can't", "cannot", "cant", "couldn't", "couldnt", "daren't", "darent",
        "despite", "didn't", "didnt", "doesn't", "doesnt", "don't", "dont", "hadn't", "hadnt", "hasn't", "hasnt",
        "haven't", "havent", "isn't", "isnt", "mightn't", "mightnt", "mustn't", "mustnt", "needn't", "neednt",
        "neither", "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtn't", "oughtnt", "rarely",
        "seldom", "shan't", "shant", "shouldn't", "shouldnt", "uh-uh", "uhuh", "wasn't", "wasnt", "weren't",
        "werent", "without", "won't", "wont", "wouldn't", "wouldnt",
    ], StringComparer.Ordinal);

    /// <summary>Single-word intensity modifiers (degree adverbs), looked up lower-cased.</summary>
    public static readonly FrozenDictionary<string, double> Boosters = BuildBoosters();

    /// <summary>Two-word dampeners that the idiom rule recognises ("kind of", compared case-sensitively).</summary>
    public static readonly string[][] DampenerBigrams = [["just", "enough"], ["kind", "of"], ["sort", "of"]];

    /// <summary>Idioms whose valence replaces the word's own, compared case-sensitively.</summary>
    public static readonly (string[] Words, double Valence)[] Idioms =
    [
        (["the", "shit"], 3), (["the", "bomb"], 3), (["bad", "ass"], 1.5), (["yeah", "right"], -2),
        (["cut", "the", "mustard"], 2), (["kiss", "of", "death"], -1.5), (["hand", "to", "mouth"], -2),
    ];

    private static FrozenDictionary<string, double> BuildBoosters()
    {
        string[] up =
        [
            "absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
            "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping", "flippin",
            "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly", "hella", "highly", "hugely",
            "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely", "quite", "really",
            "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously", "uber", "unbelievably",
            "unusually", "utterly", "very",
        ];
        string[] down =
        [
            "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginally", "occasionally",
            "partly", "scarcely", "slightly", "somewhat", "sorta", "sortof", "sort-of",
        ];
        var all = up.Select(w => KeyValuePair.Create(w, BoosterIncrement))
            .Concat(down.Select(w => KeyValuePair.Create(w, BoosterDecrement)));
        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
