using System.Text;

namespace StreamOrleans.Grains.Trends.Text;

/// <summary>Writes the normalised forms of tokens (see <see cref="TokenList.GetNormalized(in Token)"/>).</summary>
internal static class TokenNormalizer
{
    /// <summary>Longest run of one letter kept when collapsing elongations ("soooo" -> "soo", "goooood" -> "good").</summary>
    public const int MaxLetterRun = 2;

    /// <summary>Lower-cases, maps ’ to ', cuts letter runs to <see cref="MaxLetterRun"/>; returns the length written.</summary>
    public static int WriteWord(ReadOnlySpan<char> word, Span<char> destination)
    {
        var written = 0;
        var run = 0;
        var previous = '\0';
        foreach (var raw in word)
        {
            var c = raw switch
            {
                >= 'A' and <= 'Z' => (char)(raw | 0x20),
                < '\u0080' => raw,
                '\u2019' => '\'',
                _ => char.ToLowerInvariant(raw),
            };
            run = c == previous ? run + 1 : 1;
            previous = c;
            if (run <= MaxLetterRun || !char.IsLetter(c))
            {
                destination[written++] = c;
            }
        }

        return written;
    }

    /// <summary>Lower-cases without touching runs (mentions, hashtags); returns the length written.</summary>
    public static int WriteLower(ReadOnlySpan<char> token, Span<char> destination)
    {
        for (var k = 0; k < token.Length; k++)
        {
            var c = token[k];
            destination[k] = c switch
            {
                >= 'A' and <= 'Z' => (char)(c | 0x20),
                < '\u0080' => c,
                _ => char.ToLowerInvariant(c),
            };
        }

        return token.Length;
    }

    /// <summary>Copies an emoji without its variation selectors and skin-tone modifiers; returns the length written.</summary>
    public static int WriteEmoji(ReadOnlySpan<char> emoji, Span<char> destination)
    {
        var written = 0;
        for (var i = 0; i < emoji.Length;)
        {
            Rune.DecodeFromUtf16(emoji[i..], out var rune, out var width);
            if (!EmojiScanner.IsPresentationMark(rune.Value))
            {
                emoji.Slice(i, width).CopyTo(destination[written..]);
                written += width;
            }

            i += width;
        }

        return written;
    }

    /// <summary>Copies a token unchanged; returns its length.</summary>
    public static int WriteVerbatim(ReadOnlySpan<char> token, Span<char> destination)
    {
        token.CopyTo(destination);
        return token.Length;
    }
}
