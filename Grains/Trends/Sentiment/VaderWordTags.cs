namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>Facts about one VADER word that the rules test, computed once per word.</summary>
[Flags]
internal enum VaderWordTags
{
    None = 0,

    /// <summary>Found in the lexicon (lower-cased).</summary>
    InLexicon = 1 << 0,

    /// <summary>A booster or dampener (lower-cased).</summary>
    Booster = 1 << 1,

    /// <summary>No ASCII lower-case letter and at least one ASCII upper-case letter (Python's isupper, as the JS port has it).</summary>
    AllCaps = 1 << 2,

    /// <summary>A negation word (exact case) or contains "n't".</summary>
    Negator = 1 << 3,

    /// <summary>Exactly "never".</summary>
    Never = 1 << 4,

    /// <summary>Exactly "so" or "this".</summary>
    SoOrThis = 1 << 5,

    /// <summary>Exactly "but".</summary>
    ButLower = 1 << 6,

    /// <summary>Exactly "BUT".</summary>
    ButUpper = 1 << 7,

    /// <summary>Lower-cases to "kind".</summary>
    Kind = 1 << 8,

    /// <summary>Lower-cases to "of".</summary>
    Of = 1 << 9,

    /// <summary>Lower-cases to "least".</summary>
    Least = 1 << 10,

    /// <summary>Lower-cases to "at" or "very".</summary>
    AtOrVery = 1 << 11,
}
