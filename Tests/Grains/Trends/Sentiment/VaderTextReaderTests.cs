using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

/// <summary>How text is cut into VADER words; expectations follow the reference's SentiText rules.</summary>
public sealed class VaderTextReaderTests
{
    private static readonly VaderLexicon Lexicon = VaderLexicon.FromEntries([KeyValuePair.Create("good", 1.9)]);

    [Theory]
    [InlineData("good", "good")]
    [InlineData("good!", "good")]
    [InlineData("good!!!", "good")]
    [InlineData("good!!!!", "good!!!!")] // four "!" is not one of the reference's affixes
    [InlineData("?!?!good", "good")]
    [InlineData("(good)", "(good)")] // affixes on both sides are kept
    [InlineData("good.,", "good.,")] // ".," is not an affix
    [InlineData("it's.", "it's.")] // inner punctuation: the run is kept whole
    [InlineData("a.", "a.")] // one letter left after stripping: kept whole
    [InlineData(":-)", ":-)")]
    [InlineData("I a good", "good")] // one-character runs are dropped
    [InlineData("  good \t\u00a0 good  ", "good|good")]
    [InlineData("zero\u200bwidth", "zero\u200bwidth")] // U+200B is not whitespace in JavaScript
    [InlineData("x\ufeffyz", "yz")] // U+FEFF is
    public void Splits_like_the_reference(string text, string expectedWords)
    {
        var words = new VaderWord[VaderTextReader.MaxWordCount(text.Length)];
        var count = VaderTextReader.Read(text, Lexicon, words);

        var actual = string.Join('|', words.Take(count).Select(w => text.Substring(w.Start, w.Length)));
        Assert.Equal(expectedWords, actual);
    }

    [Theory]
    [InlineData("GOOD", true)]
    [InlineData("GOOD!", true)]
    [InlineData(":)WORD", true)]
    [InlineData("Good", false)]
    [InlineData(":)", false)]
    [InlineData("ÉCOLE", true)] // ASCII rule: É is "not a-z", C, O, L, E are A-Z
    [InlineData("ÉÉ", false)]
    public void All_caps_follows_the_ascii_rule(string word, bool expected) =>
        Assert.Equal(expected, VaderTextReader.IsAllCaps(word));

    [Fact]
    public void Lookup_case_folding_agrees_with_javascript_where_it_matters()
    {
        Assert.Equal('k', VaderTextReader.FoldCase('\u212a')); // KELVIN SIGN: "\u212a".toLowerCase() === "k"
        Assert.Equal('\u0130', VaderTextReader.FoldCase('\u0130')); // JavaScript gives two units: never an ASCII key
        Assert.Equal('g', VaderTextReader.FoldCase('G'));
    }

    [Fact]
    public void Words_are_tagged_for_the_rules()
    {
        const string text = "not GOOD but kind of never so BUT least at";
        var words = new VaderWord[VaderTextReader.MaxWordCount(text.Length)];
        var count = VaderTextReader.Read(text, Lexicon, words);

        Assert.Equal(10, count);
        Assert.True(words[0].Has(VaderWordTags.Negator));
        Assert.True(words[1].Has(VaderWordTags.InLexicon) && words[1].Has(VaderWordTags.AllCaps));
        Assert.Equal(1.9, words[1].Valence);
        Assert.True(words[2].Has(VaderWordTags.ButLower));
        Assert.True(words[3].Has(VaderWordTags.Kind) && words[4].Has(VaderWordTags.Of));
        Assert.True(words[5].Has(VaderWordTags.Never) && words[5].Has(VaderWordTags.Negator));
        Assert.True(words[6].Has(VaderWordTags.SoOrThis) && words[6].Has(VaderWordTags.Booster));
        Assert.True(words[7].Has(VaderWordTags.ButUpper) && !words[7].Has(VaderWordTags.ButLower));
        Assert.True(words[8].Has(VaderWordTags.Least) && words[9].Has(VaderWordTags.AtOrVery));
    }
}
