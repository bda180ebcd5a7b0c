using System.Buffers;
using System.Collections.Frozen;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// Splits a text into the words VADER scores and describes each one, reproducing the JavaScript reference
/// (npm vader-sentiment 1.1.3, class SentiText) without allocating: a word is a run of non-whitespace (JavaScript's
/// \s) of at least two UTF-16 units; if the run is one word of two or more characters with a single punctuation
/// affix from the reference's list ("good!", "?!?great", "'quoted") the affix is dropped, otherwise the run is kept
/// whole ("(good)", "don't!", ":-)"). Case-insensitive look-ups fold case like JavaScript's toLowerCase for every
/// token the lexicon can match (ASCII letters, plus the Kelvin sign that JavaScript folds to "k").
/// </summary>
internal static class VaderTextReader
{
    private const int StackLowerBufferLength = 64;
    private const int LongestRuleWord = 13; // "exceptionally", "substantially": the longest booster

    private static readonly SearchValues<char> AsciiPunctuation =
        SearchValues.Create("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NegatorLookup =
        VaderRules.Negators.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> BoosterLookup =
        VaderRules.Boosters.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>An upper bound on the number of words of a text of <paramref name="textLength"/> characters.</summary>
    public static int MaxWordCount(int textLength) => (textLength / 2) + 1;

    /// <summary>Writes the words of <paramref name="text"/> into <paramref name="words"/> (sized by <see cref="MaxWordCount"/>) and returns their number.</summary>
    public static int Read(ReadOnlySpan<char> text, VaderLexicon lexicon, Span<VaderWord> words)
    {
        var longestLookup = Math.Max(lexicon.MaxKeyLength, LongestRuleWord);
        Span<char> lower = longestLookup <= StackLowerBufferLength ? stackalloc char[longestLookup] : new char[longestLookup];
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (IsJsWhitespace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !IsJsWhitespace(text[i]))
            {
                i++;
            }

            if (i - start > 1)
            {
                var (wordStart, wordLength) = StripAffix(text, start, i - start);
                words[count++] = Describe(text.Slice(wordStart, wordLength), wordStart, lexicon, lower);
            }
        }

        return count;
    }

    /// <summary>JavaScript's \s for one UTF-16 unit (it differs from char.IsWhiteSpace on U+0085 and U+FEFF).</summary>
    public static bool IsJsWhitespace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u00a0' or '\u1680' or '\u2028' or '\u2029' or '\u202f'
            or '\u205f' or '\u3000' or '\ufeff' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    /// <summary>ASCII punctuation (Python's string.punctuation), the characters the reference strips.</summary>
    public static bool IsAsciiPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    /// <summary>Python-style isupper as the JS port implements it: no ASCII lower-case letter, at least one ASCII upper-case one.</summary>
    public static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        var upper = false;
        foreach (var c in word)
        {
            if (c is >= 'a' and <= 'z')
            {
                return false;
            }

            upper |= c is >= 'A' and <= 'Z';
        }

        return upper;
    }

    /// <summary>Lower-cases one UTF-16 unit for look-ups, agreeing with JavaScript's toLowerCase on everything the word lists can match.</summary>
    public static char FoldCase(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        < '\u0080' => c,
        '\u0130' => c, // JavaScript folds it to two units ("i" + U+0307), which match no ASCII key; keep it unmatched
        _ => char.ToLowerInvariant(c),
    };

    private static (int Start, int Length) StripAffix(ReadOnlySpan<char> text, int start, int length)
    {
        var run = text.Slice(start, length);
        var lead = 0;
        while (lead < run.Length && IsAsciiPunctuation(run[lead]))
        {
            lead++;
        }

        if (lead == run.Length)
        {
            return (start, length);
        }

        var trail = 0;
        while (IsAsciiPunctuation(run[run.Length - 1 - trail]))
        {
            trail++;
        }

        if ((lead > 0) == (trail > 0) || run[lead..^trail].ContainsAny(AsciiPunctuation) || run.Length - lead - trail < 2)
        {
            return (start, length);
        }

        return lead > 0
            ? IsStrippableAffix(run[..lead]) ? (start + lead, length - lead) : (start, length)
            : IsStrippableAffix(run[^trail..]) ? (start, length - trail) : (start, length);
    }

    private static bool IsStrippableAffix(ReadOnlySpan<char> affix) => affix.Length switch
    {
        1 => affix[0] is '.' or '!' or '?' or ',' or ';' or ':' or '-' or '\'' or '"',
        2 => affix is "!!" or "??",
        3 => affix is "!!!" or "???" or "?!?" or "!?!",
        4 => affix is "?!?!" or "!?!?",
        _ => false,
    };

    private static VaderWord Describe(ReadOnlySpan<char> word, int start, VaderLexicon lexicon, Span<char> lowerBuffer)
    {
        var tags = VaderWordTags.None;
        if (IsAllCaps(word))
        {
            tags |= VaderWordTags.AllCaps;
        }

        if (NegatorLookup.Contains(word) || word.IndexOf("n't", StringComparison.Ordinal) >= 0)
        {
            tags |= VaderWordTags.Negator;
        }

        tags |= word switch
        {
            "never" => VaderWordTags.Never,
            "so" or "this" => VaderWordTags.SoOrThis,
            "but" => VaderWordTags.ButLower,
            "BUT" => VaderWordTags.ButUpper,
            _ => VaderWordTags.None,
        };

        double valence = 0, scalar = 0;
        if (word.Length <= lowerBuffer.Length)
        {
            var lower = lowerBuffer[..word.Length];
            for (var k = 0; k < word.Length; k++)
            {
                lower[k] = FoldCase(word[k]);
            }

            if (lexicon.TryGetValence(lower, out valence))
            {
                tags |= VaderWordTags.InLexicon;
            }

            if (BoosterLookup.TryGetValue(lower, out scalar))
            {
                tags |= VaderWordTags.Booster;
            }

            tags |= lower switch
            {
                "kind" => VaderWordTags.Kind,
                "of" => VaderWordTags.Of,
                "least" => VaderWordTags.Least,
                "at" or "very" => VaderWordTags.AtOrVery,
                _ => VaderWordTags.None,
            };
        }

        return new VaderWord(start, word.Length, valence, scalar, tags);
    }
}
