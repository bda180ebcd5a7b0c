namespace StreamOrleans.Grains.Trends.Text;

/// <summary>
/// Tokenizer for social-media posts, in the spirit of the Twitter-aware tokenizers of O'Connor et al. (twokenize,
/// 2010) and NLTK's TweetTokenizer, written as one hand-made left-to-right scan (no regular expressions). It keeps
/// URLs, @mentions, #hashtags, emoji sequences (skin tones, ZWJ, flags, keycaps) and emoticons whole; splits words
/// (with inner apostrophes and hyphens) and numbers; and marks emphasis and negation:
/// <list type="bullet">
/// <item>ALL-CAPS words and elongated words ("soooo", normalised to "soo"; <see cref="TokenFlags.Elongated"/>);</item>
/// <item>"!!!" / "?!" runs (<see cref="TokenFlags.Emphasized"/>);</item>
/// <item>negation scope: after a negator, words, numbers, hashtags, emoji and emoticons are
/// <see cref="TokenFlags.Negated"/> until clause punctuation (. , ; : ! ? …), as in Pang, Lee and Vaithyanathan (2002).</item>
/// </list>
/// Stateless and thread-safe; tokenizing into a reused <see cref="TokenList"/> allocates nothing.
/// </summary>
public static class SocialTokenizer
{
    /// <summary>Tokenizes <paramref name="text"/> into a new list (convenient; allocates the list).</summary>
    public static TokenList Tokenize(string text)
    {
        var tokens = new TokenList();
        Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="destination"/>, replacing what it held.</summary>
    public static void Tokenize(string text, TokenList destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Reset(text);
        var span = text.AsSpan();
        var inNegation = false;
        var i = 0;
        while (i < span.Length)
        {
            if (SocialTextScanner.IsSeparator(span[i]))
            {
                i++;
                continue;
            }

            i += ReadToken(span, i, destination, ref inNegation);
        }
    }

    private static int ReadToken(ReadOnlySpan<char> text, int i, TokenList tokens, ref bool inNegation)
    {
        var c = text[i];
        int length;
        if (c is 'h' or 'H' or 'w' or 'W' && (length = SocialTextScanner.ScanUrl(text, i)) > 0)
        {
            return Emit(text, i, length, TokenKind.Url, TokenFlags.None, tokens, ref inNegation);
        }

        if (c == '@' && (length = SocialTextScanner.ScanMention(text, i)) > 0)
        {
            return Emit(text, i, length, TokenKind.Mention, TokenFlags.None, tokens, ref inNegation);
        }

        if (c is (>= '0' and <= '9') or '#' or '*' && (length = EmojiScanner.Scan(text, i)) > 0)
        {
            return Emit(text, i, length, TokenKind.Emoji, TokenFlags.None, tokens, ref inNegation); // keycap
        }

        if (c == '#' && (length = SocialTextScanner.ScanHashtag(text, i)) > 0)
        {
            return Emit(text, i, length, TokenKind.Hashtag, TokenFlags.None, tokens, ref inNegation);
        }

        if (EmoticonScanner.MayStart(c))
        {
            var (emoticonLength, coreLength) = EmoticonScanner.Scan(text, i);
            if (emoticonLength > 0)
            {
                var flags = emoticonLength > coreLength ? TokenFlags.Elongated : TokenFlags.None;
                return EmitWithNormalized(text, i, emoticonLength, TokenKind.Emoticon, flags,
                    TokenNormalizer.WriteVerbatim(text.Slice(i, coreLength), tokens.NormalizedTail), tokens, ref inNegation);
            }
        }

        if (EmojiScanner.MayStart(c) && (length = EmojiScanner.Scan(text, i)) > 0)
        {
            return Emit(text, i, length, TokenKind.Emoji, TokenFlags.None, tokens, ref inNegation);
        }

        var word = SocialTextScanner.ScanWord(text, i);
        if (word.Length > 0)
        {
            return EmitWord(text, i, word, tokens, ref inNegation);
        }

        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            return Emit(text, i, 2, TokenKind.Symbol, TokenFlags.None, tokens, ref inNegation);
        }

        length = SocialTextScanner.ScanPunctuation(text, i);
        if (char.IsPunctuation(c))
        {
            var flags = length > 1 && c is '!' or '?' ? TokenFlags.Emphasized : TokenFlags.None;
            return Emit(text, i, length, TokenKind.Punctuation, flags, tokens, ref inNegation);
        }

        return Emit(text, i, 1, TokenKind.Symbol, TokenFlags.None, tokens, ref inNegation);
    }

    private static int EmitWord(ReadOnlySpan<char> text, int i, WordScan word, TokenList tokens, ref bool inNegation)
    {
        if (!word.HasLetter)
        {
            var kind = word.HasDigit ? TokenKind.Number : TokenKind.Symbol; // stray combining marks are symbols
            return Emit(text, i, word.Length, kind, TokenFlags.None, tokens, ref inNegation);
        }

        var normalized = tokens.NormalizedTail;
        var normalizedLength = TokenNormalizer.WriteWord(text.Slice(i, word.Length), normalized);
        var flags = word.IsAllCaps ? TokenFlags.AllCaps : TokenFlags.None;
        if (normalizedLength < word.Length)
        {
            flags |= TokenFlags.Elongated;
        }

        if (NegationWords.IsNegator(normalized[..normalizedLength]))
        {
            flags |= TokenFlags.Negator;
        }

        return EmitWithNormalized(text, i, word.Length, TokenKind.Word, flags, normalizedLength, tokens, ref inNegation);
    }

    /// <summary>Writes the kind's normalised form and appends the token.</summary>
    private static int Emit(ReadOnlySpan<char> text, int i, int length, TokenKind kind, TokenFlags flags, TokenList tokens, ref bool inNegation)
    {
        var raw = text.Slice(i, length);
        var normalizedLength = kind switch
        {
            TokenKind.Mention or TokenKind.Hashtag => TokenNormalizer.WriteLower(raw, tokens.NormalizedTail),
            TokenKind.Emoji => TokenNormalizer.WriteEmoji(raw, tokens.NormalizedTail),
            _ => TokenNormalizer.WriteVerbatim(raw, tokens.NormalizedTail),
        };
        return EmitWithNormalized(text, i, length, kind, flags, normalizedLength, tokens, ref inNegation);
    }

    /// <summary>Appends a token whose normalised form is written, applying and updating the negation scope.</summary>
    private static int EmitWithNormalized(
        ReadOnlySpan<char> text, int i, int length, TokenKind kind, TokenFlags flags, int normalizedLength, TokenList tokens, ref bool inNegation)
    {
        if ((flags & TokenFlags.Negator) != 0)
        {
            inNegation = true;
        }
        else if (inNegation && kind is TokenKind.Word or TokenKind.Number or TokenKind.Hashtag or TokenKind.Emoji or TokenKind.Emoticon)
        {
            flags |= TokenFlags.Negated;
        }
        else if (kind == TokenKind.Punctuation && SocialTextScanner.EndsClause(text[i]))
        {
            inNegation = false;
        }

        tokens.Add(kind, flags, i, length, normalizedLength);
        return length;
    }
}
