namespace StreamOrleans.Grains.Trends.Text;

/// <summary>What a token of social-media text is.</summary>
public enum TokenKind
{
    /// <summary>Letters (and digits), with inner apostrophes and hyphens: "don't", "well-known", "covid19", "2nd".</summary>
    Word,

    /// <summary>Digits with inner separators: "42", "3.14", "1,000", "10:30".</summary>
    Number,

    /// <summary>An http(s):// or www. address, trailing punctuation excluded.</summary>
    Url,

    /// <summary>"@name" (ASCII letters, digits, underscore), not inside an e-mail address.</summary>
    Mention,

    /// <summary>"#tag" with at least one letter (any script), digits and underscores.</summary>
    Hashtag,

    /// <summary>One emoji: a pictograph with its variation selector, skin tone, tags and ZWJ-joined parts, a flag or a keycap.</summary>
    Emoji,

    /// <summary>A text face: ":)", ":-(", ";D", ":'(", "&lt;3", "XD", "^_^"... (a repeated mouth ":)))" is one token).</summary>
    Emoticon,

    /// <summary>Punctuation; runs of "!"/"?" and of "." are one token ("!!!", "?!", "...").</summary>
    Punctuation,

    /// <summary>Any other visible character: "$", "+", "%", "©"...</summary>
    Symbol,
}
