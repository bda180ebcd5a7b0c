using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

public sealed class VaderLexiconTests
{
    [Fact]
    public void Real_lexicon_has_the_reference_entries()
    {
        var lexicon = VaderTestFiles.Lexicon;

        // 7517 lines, 14 tokens listed twice: the reference's lexicon object has 7503 keys.
        Assert.Equal(7503, lexicon.Count);
        Assert.True(lexicon.TryGetValence("good", out var good));
        Assert.Equal(1.9, good);
        Assert.True(lexicon.TryGetValence(":)", out var smile));
        Assert.Equal(2.0, smile);
        Assert.Equal(19, lexicon.MaxKeyLength);
    }

    [Fact]
    public void Last_duplicate_wins()
    {
        // "lol" is listed with 2.9 (line 303) and 1.8 (line 4403); the reference keeps the last.
        Assert.True(VaderTestFiles.Lexicon.TryGetValence("lol", out var lol));
        Assert.Equal(1.8, lol);

        var parsed = VaderLexicon.Parse(new StringReader("yay\t1.0\t0.5\t[1]\nyay\t2.5\t0.5\t[2]\n"));
        Assert.True(parsed.TryGetValence("yay", out var yay));
        Assert.Equal(2.5, yay);
        Assert.Equal(1, parsed.Count);
    }

    [Fact]
    public void Lookup_is_exact_and_case_sensitive()
    {
        var lexicon = VaderLexicon.Parse(new StringReader("good\t1.9\n:D\t2.3\n"));

        Assert.True(lexicon.TryGetValence("good", out _));
        Assert.False(lexicon.TryGetValence("Good", out _));
        Assert.False(lexicon.TryGetValence(":d", out _));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_extra_columns_ignored()
    {
        var lexicon = VaderLexicon.Parse(new StringReader("\n\ngreat\t3.1\t0.7\t[3, 3]\n\n"));

        Assert.Equal(1, lexicon.Count);
        Assert.True(lexicon.TryGetValence("great", out var great));
        Assert.Equal(3.1, great);
    }

    [Theory]
    [InlineData("good 1.9")]
    [InlineData("\t1.9")]
    [InlineData("good\tnot-a-number")]
    [InlineData("good\tNaN")]
    public void Bad_lines_are_reported_with_their_number(string badLine)
    {
        var error = Assert.Throws<InvalidDataException>(() => VaderLexicon.Parse(new StringReader("fine\t1.0\n" + badLine + "\n"), "test.txt"));

        Assert.Contains("test.txt, line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_says_to_run_setup()
    {
        var error = Assert.Throws<FileNotFoundException>(() => VaderLexicon.Load(Path.Combine(Path.GetTempPath(), "no-such-vader-lexicon.txt")));

        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_guarded()
    {
        Assert.Throws<ArgumentException>(() => VaderLexicon.Load(" "));
        Assert.Throws<ArgumentNullException>(() => VaderLexicon.Parse(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaderLexicon.FromEntries([KeyValuePair.Create("x", double.NaN)]));
    }
}
