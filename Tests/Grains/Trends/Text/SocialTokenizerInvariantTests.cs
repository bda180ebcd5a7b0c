using System.Text;
using StreamOrleans.Grains.Trends.Text;

namespace StreamOrleans.Tests.Grains.Trends.Text;

/// <summary>Invariants on random text built from the characters that drive the tokenizer's decisions.</summary>
public sealed class SocialTokenizerInvariantTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "é", "ß", "1", "0", ".", ",", ":", ";", "!", "?", "'", "’", "-", "_", "(", ")", "<", "3", "D", "P", "x",
        "@", "#", "&", "/", "\\", "^", "=", "*", "$", "%", " ", "  ", "\t", "\n", "\u00A0", "\u200B", "\u200D", "\uFE0F",
        "\u20E3", "\u0301", "😀", "👍", "🏽", "🇺", "🇸", "❤", "©", "\U000E0067", "\U000E007F", "http://", "https://", "www.",
        "soooo", "NOT", "not", "don't", ":)", ":-(", "\uD800", "\uDC00", "日本", "Ω",
    ];

    [Fact]
    public void Tokens_are_ordered_disjoint_and_cover_every_non_separator()
    {
        var random = new Random(20140601);
        var list = new TokenList();
        var text = new StringBuilder();
        for (var sample = 0; sample < 3000; sample++)
        {
            text.Clear();
            var pieces = random.Next(1, 25);
            for (var k = 0; k < pieces; k++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var input = text.ToString();
            SocialTokenizer.Tokenize(input, list);
            AssertCovers(input, list);
        }
    }

    private static void AssertCovers(string input, TokenList list)
    {
        var position = 0;
        foreach (var token in list.Tokens)
        {
            Assert.True(token.Length > 0, $"empty token in {Escape(input)}");
            Assert.True(token.Start >= position, $"overlapping tokens in {Escape(input)}");
            for (var gap = position; gap < token.Start; gap++)
            {
                Assert.True(char.IsWhiteSpace(input[gap]) || char.IsControl(input[gap]) || input[gap] is '\u200B' or '\u200D' or '\uFE0F' or '\uFEFF',
                    $"character U+{(int)input[gap]:X4} at {gap} skipped in {Escape(input)}");
            }

            Assert.True(list.GetNormalized(token).Length <= token.Length);
            position = token.Start + token.Length;
        }

        for (var gap = position; gap < input.Length; gap++)
        {
            Assert.True(char.IsWhiteSpace(input[gap]) || char.IsControl(input[gap]) || input[gap] is '\u200B' or '\u200D' or '\uFE0F' or '\uFEFF',
                $"trailing character U+{(int)input[gap]:X4} skipped in {Escape(input)}");
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:X4}"));
}
