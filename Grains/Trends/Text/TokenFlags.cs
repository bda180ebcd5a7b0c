namespace StreamOrleans.Grains.Trends.Text;

/// <summary>Emphasis and negation marks on a token.</summary>
[Flags]
public enum TokenFlags
{
    None = 0,

    /// <summary>A word of two or more letters, none lower-case: "LOVE", "OMG" (not "I", not "B4").</summary>
    AllCaps = 1 << 0,

    /// <summary>A letter repeated three or more times ("soooo"), or an emoticon with a repeated mouth (":)))").</summary>
    Elongated = 1 << 1,

    /// <summary>A negation word: "not", "no", "never", "nothing", "without", "cannot", "dont", any "...n't".</summary>
    Negator = 1 << 2,

    /// <summary>In the scope of a preceding negator (until the next clause punctuation: . , ; : ! ? …).</summary>
    Negated = 1 << 3,

    /// <summary>Punctuation emphasis: two or more of "!" and "?" together ("!!", "?!?").</summary>
    Emphasized = 1 << 4,
}
