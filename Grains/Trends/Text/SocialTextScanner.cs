using System.Globalization;
using System.Text;

namespace StreamOrleans.Grains.Trends.Text;

/// <summary>Recognisers for the plain-text token kinds: URLs, mentions, hashtags, words, numbers, punctuation.</summary>
internal static class SocialTextScanner
{
    /// <summary>Whitespace, control characters and stray zero-width or variation characters separate tokens.</summary>
    public static bool IsSeparator(char c) =>
        c <= ' ' || (c >= '\u007F' && (char.IsWhiteSpace(c) || char.IsControl(c) || c is (>= '\u200B' and <= '\u200D') or '\u2060' or '\uFEFF' or '\uFE0F' or '\uFE0E'));

    /// <summary>Length of an http://, https:// or www. address at <paramref name="i"/>, trailing punctuation excluded; or 0.</summary>
    public static int ScanUrl(ReadOnlySpan<char> text, int i)
    {
        if (i > 0 && char.IsLetterOrDigit(text[i - 1]))
        {
            return 0;
        }

        var rest = text[i..];
        var prefix = rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? 4
            : 0;
        if (prefix == 0)
        {
            return 0;
        }

        var end = prefix;
        while (end < rest.Length && !IsSeparator(rest[end]))
        {
            end++;
        }

        // Trailing sentence punctuation is not part of the address; a ")" is, when it closes a "(" inside it.
        var unmatchedClosers = rest[..end].Count(')') - rest[..end].Count('(');
        while (end > prefix)
        {
            var last = rest[end - 1];
            if (last == ')' && unmatchedClosers > 0)
            {
                unmatchedClosers--;
            }
            else if (last is not ('.' or ',' or ';' or ':' or '!' or '?' or '"' or '\'' or '\u2019' or '\u201D' or ']' or '}' or '>' or '\u2026'))
            {
                break;
            }

            end--;
        }

        return end > prefix ? end : 0;
    }

    /// <summary>Length of "@name" at <paramref name="i"/> (not inside an e-mail address), or 0.</summary>
    public static int ScanMention(ReadOnlySpan<char> text, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_'))
        {
            return 0;
        }

        var end = i + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end - i > 1 ? end - i : 0;
    }

    /// <summary>Length of "#tag" at <paramref name="i"/> (letters of any script, digits, underscores; at least one letter), or 0.</summary>
    public static int ScanHashtag(ReadOnlySpan<char> text, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '&' or '_'))
        {
            return 0;
        }

        var end = i + 1;
        var hasLetter = false;
        while (end < text.Length)
        {
            var width = WordUnit(text, end, out var isLetter);
            if (width == 0)
            {
                if (text[end] != '_')
                {
                    break;
                }

                width = 1;
            }

            hasLetter |= isLetter;
            end += width;
        }

        return hasLetter ? end - i : 0;
    }

    /// <summary>
    /// Scans a word or number at <paramref name="i"/>: letters, digits and combining marks; an apostrophe (' or ’) or
    /// hyphen between letters; ".", "," or ":" between digits. Length 0 when no word starts here.
    /// </summary>
    public static WordScan ScanWord(ReadOnlySpan<char> text, int i)
    {
        var end = i;
        bool hasLetter = false, hasDigit = false, lastLetter = false, lastDigit = false;
        int upper = 0, lower = 0;
        while (end < text.Length)
        {
            var width = WordUnit(text, end, out var isLetter);
            if (width > 0)
            {
                if (isLetter)
                {
                    CountCase(text, end, width, ref upper, ref lower);
                }

                hasLetter |= isLetter;
                lastLetter = isLetter;
                lastDigit = !isLetter && IsDigit(text[end]);
                hasDigit |= lastDigit;
                end += width;
                continue;
            }

            var c = text[end];
            var next = end + 1 < text.Length ? text[end + 1] : '\0';
            if ((lastLetter && c is '\'' or '\u2019' or '-' && char.IsLetter(next))
                || (lastDigit && c is '.' or ',' or ':' && IsDigit(next)))
            {
                end++;
                lastLetter = lastDigit = false;
                continue;
            }

            break;
        }

        return new WordScan(end - i, hasLetter, hasDigit, upper, lower);
    }

    /// <summary>Length of a punctuation run at <paramref name="i"/>: "!"/"?" mixed, or "." repeated; otherwise 1.</summary>
    public static int ScanPunctuation(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        var end = i + 1;
        if (c is '!' or '?')
        {
            while (end < text.Length && text[end] is '!' or '?')
            {
                end++;
            }
        }
        else if (c == '.')
        {
            while (end < text.Length && text[end] == '.')
            {
                end++;
            }
        }

        return end - i;
    }

    /// <summary>True when a punctuation token ends a clause (and so a negation scope).</summary>
    public static bool EndsClause(char first) =>
        first is '.' or ',' or ';' or ':' or '!' or '?' or '\u2026' or '\u3002' or '\uFF0C' or '\uFF01' or '\uFF1F' or '\uFF1B';

    /// <summary>Width (1 or 2) of a letter, digit or combining mark at <paramref name="i"/>, or 0.</summary>
    public static int WordUnit(ReadOnlySpan<char> text, int i, out bool isLetter)
    {
        var c = text[i];
        if (c < '\u0080')
        {
            isLetter = char.IsAsciiLetter(c);
            return isLetter || char.IsAsciiDigit(c) ? 1 : 0;
        }

        if (char.IsHighSurrogate(c))
        {
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var width) == System.Buffers.OperationStatus.Done)
            {
                isLetter = Rune.IsLetter(rune);
                return isLetter || Rune.IsDigit(rune) ? width : 0;
            }

            isLetter = false;
            return 0;
        }

        isLetter = char.IsLetter(c);
        if (isLetter || char.IsDigit(c))
        {
            return 1;
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark ? 1 : 0;
    }

    private static bool IsDigit(char c) => char.IsDigit(c);

    private static void CountCase(ReadOnlySpan<char> text, int i, int width, ref int upper, ref int lower)
    {
        if (width == 1)
        {
            var c = text[i];
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                lower++;
            }

            return;
        }

        var rune = new Rune(text[i], text[i + 1]);
        if (Rune.IsUpper(rune))
        {
            upper++;
        }
        else if (Rune.IsLower(rune))
        {
            lower++;
        }
    }
}
