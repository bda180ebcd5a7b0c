namespace StreamOrleans.Grains.Trends.Text;

/// <summary>
/// One token of a text: its kind and flags, where it is in the text, and where its normalised form is in the
/// owning <see cref="TokenList"/>'s buffer (read both through the list: <see cref="TokenList.GetText(in Token)"/>,
/// <see cref="TokenList.GetNormalized(in Token)"/>).
/// </summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Flags">Emphasis and negation marks.</param>
/// <param name="Start">Index of the first UTF-16 unit in the text.</param>
/// <param name="Length">Number of UTF-16 units in the text.</param>
/// <param name="NormalizedStart">Index of the normalised form in the list's buffer.</param>
/// <param name="NormalizedLength">Length of the normalised form.</param>
public readonly record struct Token(TokenKind Kind, TokenFlags Flags, int Start, int Length, int NormalizedStart, int NormalizedLength)
{
    /// <summary>True when every flag in <paramref name="flags"/> is set.</summary>
    public bool Has(TokenFlags flags) => (Flags & flags) == flags;
}
