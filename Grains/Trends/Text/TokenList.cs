namespace StreamOrleans.Grains.Trends.Text;

/// <summary>
/// The tokens of one text plus a buffer holding their normalised forms. Reuse one list per caller: after warm-up,
/// tokenizing into it allocates nothing. Not thread-safe (one owner, e.g. one grain activation).
/// </summary>
public sealed class TokenList
{
    private Token[] _tokens;
    private char[] _normalized;
    private int _normalizedLength;

    /// <summary>An empty list with room for <paramref name="capacity"/> tokens before it grows.</summary>
    public TokenList(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _tokens = new Token[capacity];
        _normalized = new char[capacity * 8];
    }

    /// <summary>The text the tokens were read from.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>Number of tokens.</summary>
    public int Count { get; private set; }

    /// <summary>The tokens, in text order.</summary>
    public ReadOnlySpan<Token> Tokens => _tokens.AsSpan(0, Count);

    /// <summary>The token at <paramref name="index"/>.</summary>
    public Token this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _tokens[index];
        }
    }

    /// <summary>The token as written in the text.</summary>
    public ReadOnlySpan<char> GetText(in Token token) => Text.AsSpan(token.Start, token.Length);

    /// <summary>The token's normalised form: words and tags lower-cased, ’ as ', letter runs cut to two ("soooo" -> "soo");
    /// emoji without skin tones and variation selectors; emoticons with one mouth; URLs, numbers and punctuation as written.</summary>
    public ReadOnlySpan<char> GetNormalized(in Token token) => _normalized.AsSpan(token.NormalizedStart, token.NormalizedLength);

    /// <summary>The normalised form of the token at <paramref name="index"/> as a new string (allocates; for tests and display).</summary>
    public string GetNormalizedString(int index) => GetNormalized(this[index]).ToString();

    /// <summary>Starts over for <paramref name="text"/>, keeping the buffers.</summary>
    internal void Reset(string text)
    {
        Text = text;
        Count = 0;
        _normalizedLength = 0;
        if (_normalized.Length < text.Length)
        {
            // Normalised forms are never longer than the text they come from.
            _normalized = new char[Math.Max(text.Length, _normalized.Length * 2)];
        }
    }

    /// <summary>Room for the next token's normalised form (it cannot exceed the token's length in the text).</summary>
    internal Span<char> NormalizedTail => _normalized.AsSpan(_normalizedLength);

    /// <summary>Appends a token whose normalised form was just written at the start of <see cref="NormalizedTail"/>.</summary>
    internal void Add(TokenKind kind, TokenFlags flags, int start, int length, int normalizedLength)
    {
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[Count++] = new Token(kind, flags, start, length, _normalizedLength, normalizedLength);
        _normalizedLength += normalizedLength;
    }
}
