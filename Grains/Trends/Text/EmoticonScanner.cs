using System.Collections.Frozen;

namespace StreamOrleans.Grains.Trends.Text;

/// <summary>
/// Recognises Western and Eastern text emoticons (":)", ":-(", ";D", ":'(", "&lt;3", "XD", "^_^"...), longest match
/// first. Boundaries keep ordinary text out: an emoticon must not run into a following letter or digit (":pizza"),
/// nor into a slash ("://"), and one that starts with a letter, digit or bracket must start a word ("XD" but not
/// "LOLXD", "):" but not "(see):").
/// A repeated final mouth character (":)))", "XDDD", "&lt;333") is absorbed and marks the token elongated.
/// </summary>
internal static class EmoticonScanner
{
    private static readonly string[] Emoticons =
    [
        // smiles, laughs, winks, tongues
        ":)", ":-)", ":]", ":-]", ":}", "=)", "=]", ":D", ":-D", "=D", ";D", "XD", "xD", ";)", ";-)", ";]",
        ":P", ":-P", ":p", ":-p", ";P", ";p", "=P", ":3", ":*", ":-*", ";*", "(:", "(-:", "(=", ":')", ":'-)",
        "^^", "^_^", "^.^", "^-^", "\\o/", "\\m/", "<3",
        // frowns, tears, anger, doubt, surprise
        ":(", ":-(", ":[", ":-[", ":{", "=(", "=[", "):", ")-:", ")=", ":'(", ":'-(", ";(", ";_;", "T_T", "TT_TT",
        ">:(", ">:-(", ">_<", "D:", ":/", ":-/", ":\\", ":-\\", "=/", ":|", ":-|", "-_-", "-.-", ":S", ":s",
        ":o", ":O", ":-o", ":-O", "o_O", "O_o", "o.O", "O.o", "o_o", "O_O", ":$", ":@", "</3",
    ];

    private static readonly FrozenDictionary<char, string[]> ByFirstChar = Emoticons
        .GroupBy(e => e[0])
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Length).ToArray());

    /// <summary>True for the characters an emoticon can start with (fast pre-check before <see cref="Scan"/>).</summary>
    public static bool MayStart(char c) => c < '\u0080' && ByFirstChar.ContainsKey(c);

    /// <summary>Length of the emoticon at <paramref name="i"/> and its length without repeated mouths, or (0, 0).</summary>
    public static (int Length, int CoreLength) Scan(ReadOnlySpan<char> text, int i)
    {
        if (!ByFirstChar.TryGetValue(text[i], out var candidates))
        {
            return (0, 0);
        }

        var rest = text[i..];
        foreach (var candidate in candidates)
        {
            if (!rest.StartsWith(candidate, StringComparison.Ordinal))
            {
                continue;
            }

            if (NeedsWordStart(candidate[0]) && i > 0 && !IsSeparator(text[i - 1]))
            {
                continue;
            }

            var length = candidate.Length;
            var mouth = candidate[^1];
            if (IsMouth(mouth))
            {
                while (length < rest.Length && rest[length] == mouth)
                {
                    length++;
                }
            }

            if (length < rest.Length && (char.IsLetterOrDigit(rest[length]) || rest[length] is '/' or '\\'))
            {
                continue;
            }

            return (length, candidate.Length);
        }

        return (0, 0);
    }

    private static bool NeedsWordStart(char first) => char.IsLetterOrDigit(first) || first is '(' or ')' or '-' or '^' or '<' or '>' or '=';

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or ',' or '.' or '!' or '?';

    private static bool IsMouth(char c) => c is ')' or '(' or 'D' or 'P' or 'p' or ']' or '[' or '3';
}
