using StreamOrleans.Grains.Trends.Text;

namespace StreamOrleans.Tests.Grains.Trends.Text;

/// <summary>
/// Renders tokens compactly for assertions: "Kind:text", then "=normalised" when it differs, then "[Flag,Flag]".
/// Tokens are separated by two spaces so single-space text inside a token stays readable.
/// </summary>
internal static class TokenRendering
{
    public static string Render(TokenList tokens)
    {
        var parts = new List<string>(tokens.Count);
        foreach (var token in tokens.Tokens)
        {
            var text = tokens.GetText(token).ToString();
            var normalized = tokens.GetNormalized(token).ToString();
            var part = $"{token.Kind}:{text}";
            if (normalized != text)
            {
                part += "=" + normalized;
            }

            if (token.Flags != TokenFlags.None)
            {
                part += "[" + token.Flags.ToString().Replace(" ", "", StringComparison.Ordinal) + "]";
            }

            parts.Add(part);
        }

        return string.Join("  ", parts);
    }

    public static string Tokenize(string text) => Render(SocialTokenizer.Tokenize(text));
}
