using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

/// <summary>The rules one at a time, on a three-word lexicon, as directions and ratios rather than fixed numbers.</summary>
public sealed class VaderSentimentAnalyzerTests
{
    private static readonly VaderSentimentAnalyzer Analyzer = new(VaderLexicon.FromEntries(
    [
        KeyValuePair.Create("good", 2.0),
        KeyValuePair.Create("bad", -2.0),
        KeyValuePair.Create("shit", -2.5),
    ]));

    private static double Compound(string text) => Analyzer.Analyze(text).Compound;

    [Fact]
    public void Compound_is_the_normalised_valence()
    {
        // One word of valence 2: 2 / sqrt(4 + 15), rounded to 4 decimals.
        Assert.Equal(Math.Round(2 / Math.Sqrt(19), 4), Compound("good"));
        Assert.Equal(-Compound("good"), Compound("bad"));
    }

    [Fact]
    public void Proportions_sum_to_one()
    {
        var scores = Analyzer.Analyze("good food and bad wine");

        Assert.Equal(1.0, scores.Negative + scores.Neutral + scores.Positive, 2);
        Assert.True(scores.Negative > 0 && scores.Positive > 0 && scores.Neutral > 0);
    }

    [Fact]
    public void Negation_flips_and_shrinks()
    {
        Assert.Equal(Math.Round(2 * -0.74 / Math.Sqrt((2 * 0.74 * 2 * 0.74) + 15), 4), Compound("not good"));
        Assert.True(Compound("never good") < 0);
        Assert.True(Compound("isn't good") < 0);
        Assert.True(Compound("not very nice good") < 0); // three words back still negates
        Assert.True(Compound("NOT good") > 0); // the reference matches negations case-sensitively
    }

    [Fact]
    public void Boosters_and_dampeners_scale_away_from_and_towards_zero()
    {
        Assert.True(Compound("very good") > Compound("good"));
        Assert.True(Compound("very bad") < Compound("bad"));
        Assert.True(Compound("slightly good") < Compound("good"));
        Assert.True(Compound("slightly bad") > Compound("bad"));
        Assert.True(Compound("very nice good") < Compound("very good")); // farther boosters count less
    }

    [Fact]
    public void Caps_emphasis_needs_a_mix_of_cases()
    {
        Assert.True(Compound("the GOOD one") > Compound("the good one"));
        Assert.Equal(Compound("THE GOOD ONE"), Compound("the good one"));
    }

    [Fact]
    public void But_shifts_weight_to_the_second_clause()
    {
        Assert.True(Compound("good but bad") < 0);
        Assert.True(Compound("bad but good") > 0);
        Assert.True(Compound("good But bad") == Compound("good bad")); // only "but" and "BUT" count
    }

    [Fact]
    public void Punctuation_amplifies_up_to_a_cap()
    {
        Assert.True(Compound("good!") > Compound("good"));
        Assert.True(Compound("good !!!!") > Compound("good !!!"));
        Assert.Equal(Compound("good !!!!"), Compound("good !!!!!!!"));
        Assert.Equal(0.0, Compound("good!!!!")); // the reference strips at most "!!!": "good!!!!" is no lexicon word
        Assert.True(Compound("bad??") < Compound("bad"));
        Assert.Equal(Compound("good"), Compound("good?"));
    }

    [Fact]
    public void Idioms_replace_the_word_valence()
    {
        Assert.True(Compound("that party was the shit") > 0);
        Assert.True(Compound("the shit") < 0); // idioms are only checked three words into the text
    }

    [Fact]
    public void Least_negates_except_after_at_or_very()
    {
        Assert.True(Compound("the least good") < 0);
        Assert.True(Compound("at least good") > 0);
    }

    [Fact]
    public void Text_without_words_scores_zero()
    {
        Assert.Equal(SentimentScores.None, Analyzer.Analyze(""));
        Assert.Equal(SentimentScores.None, Analyzer.Analyze("a b c !"));
        Assert.Equal(0.0, Analyzer.Analyze("plain words only").Compound);
        Assert.Equal(1.0, Analyzer.Analyze("plain words only").Neutral);
    }

    [Fact]
    public void Long_text_scores_like_its_repetition_suggests()
    {
        // Past the stack buffer (pooled scratch space): 500 "good" words saturate towards 1.
        var text = string.Join(' ', Enumerable.Repeat("good", 500));
        Assert.Equal(1.0, Compound(text), 3);
    }

    [Fact]
    public void Arguments_are_guarded()
    {
        Assert.Throws<ArgumentNullException>(() => new VaderSentimentAnalyzer(null!));
        Assert.Throws<ArgumentNullException>(() => Analyzer.Analyze((string)null!));
    }
}
