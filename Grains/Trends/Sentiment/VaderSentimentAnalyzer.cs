using System.Buffers;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// VADER: a lexicon-and-rules sentiment scorer for social-media text (Hutto, C.J. and Gilbert, E.E. 2014,
/// "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM-14). Each word's
/// lexicon valence is adjusted by ALL-CAPS emphasis, up to three preceding boosters/dampeners, negations ("not",
/// "n't", "never so"), idioms and "least"; a contrastive "but" halves what precedes it and boosts what follows by
/// half; "!" and "?" amplify the sum, which is normalised to the compound score x / sqrt(x^2 + 15).
/// <para>
/// Behaviour follows the JavaScript port the project treats as the reference (npm vader-sentiment 1.1.3), quirks
/// included (verified against it on the committed fixture and on 12,000 random rule-dense texts, all exact):
/// <list type="bullet">
/// <item>negation words and "but"/"BUT" match case-sensitively: "NOT good" is positive, "But" is no contrast;</item>
/// <item>look-ups lower-case the word, so lexicon entries with capitals (":D", "XD", "=D") never match;</item>
/// <item>only one affix from a fixed list is stripped: "good!!!" is "good", "good!!!!", "(good)" and "good.," are unknown;</item>
/// <item>one-character words are dropped ("I", "a", "!"); ALL CAPS is judged on ASCII letters only;</item>
/// <item>idioms and "kind of"/"sort of" are only checked on words with three non-lexicon words before them;</item>
/// <item>"so"/"this" right before a word also multiplies it by 1.25 when a non-lexicon word stands three back (operator precedence);</item>
/// <item>"!" and "?" are counted over the whole text (URLs included); scores are rounded like toFixed.</item>
/// </list>
/// </para>
/// Thread-safe and allocation-free per call (scratch space is stack or pooled); share one instance.
/// </summary>
public sealed class VaderSentimentAnalyzer
{
    private const int StackWordLimit = 96;

    private readonly VaderLexicon _lexicon;

    public VaderSentimentAnalyzer(VaderLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
    }

    /// <summary>The lexicon the analyzer scores with.</summary>
    public VaderLexicon Lexicon => _lexicon;

    /// <summary>Scores one text (a post, a sentence). Empty or word-less text scores all zeros.</summary>
    public SentimentScores Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Analyze(text.AsSpan());
    }

    /// <summary>Scores one text given as characters.</summary>
    public SentimentScores Analyze(ReadOnlySpan<char> text)
    {
        var capacity = VaderTextReader.MaxWordCount(text.Length);
        VaderWord[]? rentedWords = null;
        double[]? rentedValences = null;
        var words = capacity <= StackWordLimit
            ? stackalloc VaderWord[capacity]
            : rentedWords = ArrayPool<VaderWord>.Shared.Rent(capacity);
        var valences = capacity <= StackWordLimit
            ? stackalloc double[capacity]
            : rentedValences = ArrayPool<double>.Shared.Rent(capacity);
        try
        {
            var count = VaderTextReader.Read(text, _lexicon, words);
            words = words[..count];
            valences = valences[..count];
            ScoreWords(text, words, valences);
            ApplyContrast(words, valences);
            return Summarize(text, valences);
        }
        finally
        {
            if (rentedWords is not null)
            {
                ArrayPool<VaderWord>.Shared.Return(rentedWords);
            }

            if (rentedValences is not null)
            {
                ArrayPool<double>.Shared.Return(rentedValences);
            }
        }
    }

    private static void ScoreWords(ReadOnlySpan<char> text, ReadOnlySpan<VaderWord> words, Span<double> valences)
    {
        var capsDifferential = HasCapsDifferential(words);
        for (var i = 0; i < words.Length; i++)
        {
            var startsKindOf = i < words.Length - 1 && words[i].Has(VaderWordTags.Kind) && words[i + 1].Has(VaderWordTags.Of);
            valences[i] = startsKindOf || words[i].Has(VaderWordTags.Booster)
                ? 0
                : WordValence(text, words, i, capsDifferential);
        }
    }

    /// <summary>True when some, but not all, words are in ALL CAPS: only then does capitalisation add emphasis.</summary>
    private static bool HasCapsDifferential(ReadOnlySpan<VaderWord> words)
    {
        var caps = 0;
        foreach (var word in words)
        {
            if (word.Has(VaderWordTags.AllCaps))
            {
                caps++;
            }
        }

        return caps > 0 && caps < words.Length;
    }

    private static double WordValence(ReadOnlySpan<char> text, ReadOnlySpan<VaderWord> words, int i, bool capsDifferential)
    {
        var word = words[i];
        if (!word.Has(VaderWordTags.InLexicon))
        {
            return 0;
        }

        var valence = word.Valence;
        if (capsDifferential && word.Has(VaderWordTags.AllCaps))
        {
            valence += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        }

        for (var distance = 1; distance <= 3 && distance <= i; distance++)
        {
            var before = words[i - distance];
            if (before.Has(VaderWordTags.InLexicon))
            {
                continue;
            }

            var scalar = ModifierScalar(before, valence, capsDifferential);
            if (scalar != 0)
            {
                scalar *= distance switch { 2 => 0.95, 3 => 0.9, _ => 1.0 };
            }

            valence = ApplyNegation(valence + scalar, words, i, distance);
            if (distance == 3)
            {
                valence = ApplyIdioms(text, valence, words, i);
            }
        }

        return ApplyLeast(valence, words, i);
    }

    /// <summary>The booster/dampener effect of a preceding word, signed to push away from zero, plus caps emphasis.</summary>
    private static double ModifierScalar(VaderWord modifier, double valence, bool capsDifferential)
    {
        if (!modifier.Has(VaderWordTags.Booster))
        {
            return 0;
        }

        var scalar = valence < 0 ? -modifier.BoosterScalar : modifier.BoosterScalar;
        if (capsDifferential && modifier.Has(VaderWordTags.AllCaps))
        {
            scalar += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        }

        return scalar;
    }

    /// <summary>Negation by the word <paramref name="distance"/> places back; "never so/this" intensifies instead.</summary>
    private static double ApplyNegation(double valence, ReadOnlySpan<VaderWord> words, int i, int distance)
    {
        switch (distance)
        {
            case 1:
                return words[i - 1].Has(VaderWordTags.Negator) ? valence * VaderRules.NegationScalar : valence;
            case 2:
                if (words[i - 2].Has(VaderWordTags.Never) && words[i - 1].Has(VaderWordTags.SoOrThis))
                {
                    return valence * 1.5;
                }

                return words[i - 2].Has(VaderWordTags.Negator) ? valence * VaderRules.NegationScalar : valence;
            default:
                // The reference's condition reads "(never, so/this) two and three back, or so/this just before".
                if ((words[i - 3].Has(VaderWordTags.Never) && words[i - 2].Has(VaderWordTags.SoOrThis))
                    || words[i - 1].Has(VaderWordTags.SoOrThis))
                {
                    return valence * 1.25;
                }

                return words[i - 3].Has(VaderWordTags.Negator) ? valence * VaderRules.NegationScalar : valence;
        }
    }

    /// <summary>Idioms around word i replace its valence; a preceding "kind of"/"sort of"/"just enough" dampens it.</summary>
    private static double ApplyIdioms(ReadOnlySpan<char> text, double valence, ReadOnlySpan<VaderWord> words, int i)
    {
        // Windows (first word, length) in the reference's order; the first match among these wins.
        ReadOnlySpan<(int First, int Length)> before = [(i - 1, 2), (i - 2, 3), (i - 2, 2), (i - 3, 3), (i - 3, 2)];
        foreach (var (first, length) in before)
        {
            if (TryMatchIdiom(text, words, first, length, out var idiomValence))
            {
                valence = idiomValence;
                break;
            }
        }

        if (words.Length - 1 > i && TryMatchIdiom(text, words, i, 2, out var after2))
        {
            valence = after2;
        }

        if (words.Length - 1 > i + 1 && TryMatchIdiom(text, words, i, 3, out var after3))
        {
            valence = after3;
        }

        if (IsDampenerBigram(text, words, i - 3) || IsDampenerBigram(text, words, i - 2))
        {
            valence += VaderRules.BoosterDecrement;
        }

        return valence;
    }

    private static bool TryMatchIdiom(ReadOnlySpan<char> text, ReadOnlySpan<VaderWord> words, int first, int length, out double valence)
    {
        foreach (var (idiom, idiomValence) in VaderRules.Idioms)
        {
            if (idiom.Length == length && WordsEqual(text, words, first, idiom))
            {
                valence = idiomValence;
                return true;
            }
        }

        valence = 0;
        return false;
    }

    private static bool IsDampenerBigram(ReadOnlySpan<char> text, ReadOnlySpan<VaderWord> words, int first)
    {
        foreach (var bigram in VaderRules.DampenerBigrams)
        {
            if (WordsEqual(text, words, first, bigram))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WordsEqual(ReadOnlySpan<char> text, ReadOnlySpan<VaderWord> words, int first, string[] expected)
    {
        for (var k = 0; k < expected.Length; k++)
        {
            var word = words[first + k];
            if (!text.Slice(word.Start, word.Length).SequenceEqual(expected[k]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"least X" negates X, except in "at least" and "very least".</summary>
    private static double ApplyLeast(double valence, ReadOnlySpan<VaderWord> words, int i)
    {
        if (i == 0 || !words[i - 1].Has(VaderWordTags.Least) || words[i - 1].Has(VaderWordTags.InLexicon))
        {
            return valence;
        }

        return i > 1 && words[i - 2].Has(VaderWordTags.AtOrVery) ? valence : valence * VaderRules.NegationScalar;
    }

    /// <summary>A contrastive "but" (exact "but", else "BUT"): halve what comes before it, add half to what follows.</summary>
    private static void ApplyContrast(ReadOnlySpan<VaderWord> words, Span<double> valences)
    {
        var but = IndexOf(words, VaderWordTags.ButLower);
        if (but < 0)
        {
            but = IndexOf(words, VaderWordTags.ButUpper);
        }

        if (but < 0)
        {
            return;
        }

        for (var k = 0; k < valences.Length; k++)
        {
            if (k < but)
            {
                valences[k] *= 0.5;
            }
            else if (k > but)
            {
                valences[k] *= 1.5;
            }
        }
    }

    private static int IndexOf(ReadOnlySpan<VaderWord> words, VaderWordTags tag)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (words[k].Has(tag))
            {
                return k;
            }
        }

        return -1;
    }

    private static SentimentScores Summarize(ReadOnlySpan<char> text, ReadOnlySpan<double> valences)
    {
        if (valences.IsEmpty)
        {
            return SentimentScores.None;
        }

        double sum = 0, positive = 0, negative = 0;
        var neutral = 0;
        foreach (var valence in valences)
        {
            sum += valence;
            if (valence > 0)
            {
                positive += valence + 1; // the +1/-1 offset the neutral words' count of one each
            }
            else if (valence < 0)
            {
                negative += valence - 1;
            }
            else
            {
                neutral++;
            }
        }

        var emphasis = PunctuationEmphasis(text);
        if (sum > 0)
        {
            sum += emphasis;
        }
        else if (sum < 0)
        {
            sum -= emphasis;
        }

        var compound = Math.Clamp(sum / Math.Sqrt((sum * sum) + VaderRules.NormalizationAlpha), -1.0, 1.0);
        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        var total = positive + Math.Abs(negative) + neutral;
        return new SentimentScores(
            Negative: JsDecimalRounding.ToFixed(Math.Abs(negative / total), 3),
            Neutral: JsDecimalRounding.ToFixed(Math.Abs(neutral / total), 3),
            Positive: JsDecimalRounding.ToFixed(Math.Abs(positive / total), 3),
            Compound: JsDecimalRounding.ToFixed(compound, 4));
    }

    /// <summary>Emphasis from "!" (0.292 each, up to 4) and "?" (0.18 each for 2-3, 0.96 for more) anywhere in the text.</summary>
    private static double PunctuationEmphasis(ReadOnlySpan<char> text)
    {
        var exclamations = Math.Min(text.Count('!'), VaderRules.MaxExclamationMarks);
        var questions = text.Count('?');
        var questionEmphasis = questions switch
        {
            <= 1 => 0,
            <= 3 => questions * VaderRules.QuestionIncrement,
            _ => VaderRules.ManyQuestionsIncrement,
        };
        return (exclamations * VaderRules.ExclamationIncrement) + questionEmphasis;
    }
}
