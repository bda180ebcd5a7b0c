using System.Text;

namespace StreamOrleans.Grains.Trends.Text;

/// <summary>
/// Recognises one emoji at a position, following the shape of Unicode's emoji sequences (UTS #51, ED-17): a flag
/// (two regional indicators), a keycap ([0-9#*] FE0F? 20E3), or pictographs each with an optional variation
/// selector, skin-tone modifier and tag sequence, joined by ZERO WIDTH JOINER. Pictographs are approximated by
/// code point ranges (the Extended_Pictographic blocks); text-style symbols such as © or ™ count only with FE0F.
/// </summary>
internal static class EmojiScanner
{
    private const char VariationText = '\uFE0E';
    private const char VariationEmoji = '\uFE0F';
    private const char ZeroWidthJoiner = '\u200D';
    private const char CombiningKeycap = '\u20E3';

    /// <summary>Length in UTF-16 units of the emoji starting at <paramref name="i"/>, or 0.</summary>
    public static int Scan(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c is (>= '0' and <= '9') or '#' or '*')
        {
            return ScanKeycap(text, i);
        }

        if (c < '\u00A9')
        {
            return 0;
        }

        var j = i;
        if (!TryElement(text, ref j))
        {
            return 0;
        }

        while (j + 1 < text.Length && text[j] == ZeroWidthJoiner)
        {
            var next = j + 1;
            if (!TryElement(text, ref next))
            {
                break;
            }

            j = next;
        }

        return j - i;
    }

    /// <summary>True for the units an emoji can start with (fast pre-check before <see cref="Scan"/>).</summary>
    public static bool MayStart(char c) => c >= '\u00A9' && (char.IsSurrogate(c) || c is '\u00A9' or '\u00AE' || c >= '\u2000');

    /// <summary>A skin-tone modifier, a variation selector or ZWJ: dropped from an emoji's normalised form.</summary>
    public static bool IsPresentationMark(int codePoint) =>
        codePoint is VariationText or VariationEmoji or (>= 0x1F3FB and <= 0x1F3FF);

    private static int ScanKeycap(ReadOnlySpan<char> text, int i)
    {
        var j = i + 1;
        if (j < text.Length && text[j] == VariationEmoji)
        {
            j++;
        }

        return j < text.Length && text[j] == CombiningKeycap ? j + 1 - i : 0;
    }

    private static bool TryElement(ReadOnlySpan<char> text, ref int j)
    {
        if (Rune.DecodeFromUtf16(text[j..], out var rune, out var width) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var cp = rune.Value;
        if (IsRegionalIndicator(cp))
        {
            j += width;
            if (Rune.DecodeFromUtf16(text[j..], out var second, out var secondWidth) == System.Buffers.OperationStatus.Done
                && IsRegionalIndicator(second.Value))
            {
                j += secondWidth;
            }

            return true;
        }

        var presentedAsEmoji = j + width < text.Length && text[j + width] == VariationEmoji;
        if (!IsPictographic(cp) && !(presentedAsEmoji && IsTextStylePictographic(cp)))
        {
            return false;
        }

        j += width;
        if (j < text.Length && text[j] is VariationEmoji or VariationText)
        {
            j++;
        }

        if (NextCodePoint(text, j) is >= 0x1F3FB and <= 0x1F3FF)
        {
            j += 2;
        }

        while (NextCodePoint(text, j) is >= 0xE0020 and <= 0xE007F)
        {
            j += 2; // tag characters of subdivision flags, ending with CANCEL TAG E007F
        }

        return true;
    }

    private static int NextCodePoint(ReadOnlySpan<char> text, int j) =>
        j + 1 < text.Length && char.IsSurrogatePair(text[j], text[j + 1]) ? char.ConvertToUtf32(text[j], text[j + 1]) : -1;

    private static bool IsRegionalIndicator(int cp) => cp is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>Emoji-presentation pictographs (drawn as emoji even without FE0F).</summary>
    private static bool IsPictographic(int cp) => cp switch
    {
        >= 0x1F000 and <= 0x1FAFF => true,
        >= 0x1FC00 and <= 0x1FFFD => true,
        >= 0x2600 and <= 0x27BF => true, // miscellaneous symbols and dingbats: ☀ ☺ ♥ ✅ ✨ ❤
        0x231A or 0x231B or 0x2328 or 0x23CF or (>= 0x23E9 and <= 0x23F3) or (>= 0x23F8 and <= 0x23FA) => true,
        0x2934 or 0x2935 or (>= 0x2B05 and <= 0x2B07) or 0x2B1B or 0x2B1C or 0x2B50 or 0x2B55 => true,
        0x3030 or 0x303D or 0x3297 or 0x3299 => true,
        _ => false,
    };

    /// <summary>Pictographs shown as text unless followed by FE0F: © ® ‼ ⁉ ™ ℹ arrows, small squares.</summary>
    private static bool IsTextStylePictographic(int cp) => cp switch
    {
        0x00A9 or 0x00AE or 0x203C or 0x2049 or 0x2122 or 0x2139 => true,
        (>= 0x2194 and <= 0x2199) or 0x21A9 or 0x21AA or 0x24C2 => true,
        0x25AA or 0x25AB or 0x25B6 or 0x25C0 or (>= 0x25FB and <= 0x25FE) => true,
        _ => false,
    };
}
