using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamOrleans.Grains.Trends.Sentiment;

namespace StreamOrleans.Tests.Grains.Trends.Sentiment;

/// <summary>
/// Our VADER against the reference JavaScript implementation (npm vader-sentiment 1.1.3) on the committed sentence
/// set: Tests/Fixtures/Sentiment/sentences.txt, scored by generate-expected.js into vader-expected.json.
/// </summary>
public sealed class VaderReferenceAgreementTests
{
    private const double CompoundTolerance = 0.05;
    private const double RequiredAgreement = 0.95;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    [Fact]
    public void Fixture_covers_every_sentence_of_the_set_in_order()
    {
        var sentences = File.ReadAllLines(Path.Combine(VaderTestFiles.FixturesFolder, "sentences.txt"))
            .Where(line => line.Trim().Length > 0)
            .ToList();
        var fixture = LoadFixture();

        Assert.True(sentences.Count >= 200, $"the sentence set needs at least 200 sentences, has {sentences.Count}");
        Assert.Equal(sentences.Count, fixture.Count);
        Assert.Equal(sentences, fixture.Cases.Select(c => c.Text));
    }

    [Fact]
    public void Compound_is_within_005_of_the_reference_on_at_least_95_percent()
    {
        var analyzer = new VaderSentimentAnalyzer(VaderTestFiles.Lexicon);
        var cases = LoadFixture().Cases;

        var errors = cases.Select(c => (Case: c, Error: Math.Abs(analyzer.Analyze(c.Text).Compound - c.Compound))).ToList();
        var agreement = errors.Count(e => e.Error <= CompoundTolerance) / (double)errors.Count;

        Assert.True(agreement >= RequiredAgreement, $"agreement {agreement:P1} < {RequiredAgreement:P0}; worst:\n{Worst(errors, analyzer)}");
    }

    [Fact]
    public void All_scores_equal_the_reference_to_its_rounding()
    {
        // Stricter than the contract above: our port reproduces the reference exactly (compound to 4 decimals,
        // proportions to 3), so any drift in a rule shows up here first.
        var analyzer = new VaderSentimentAnalyzer(VaderTestFiles.Lexicon);
        var mismatches = LoadFixture().Cases
            .Select(c => (Case: c, Actual: analyzer.Analyze(c.Text)))
            .Where(x => x.Actual.Compound != x.Case.Compound || x.Actual.Negative != x.Case.Neg
                || x.Actual.Neutral != x.Case.Neu || x.Actual.Positive != x.Case.Pos)
            .Select(x => $"{Quote(x.Case.Text)}: expected {Format(x.Case)}, got {Format(x.Actual)}")
            .ToList();

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} sentences differ:\n{string.Join('\n', mismatches.Take(15))}");
    }

    [Fact]
    public void Scores_do_not_depend_on_the_thread_or_order()
    {
        var analyzer = new VaderSentimentAnalyzer(VaderTestFiles.Lexicon);
        var texts = LoadFixture().Cases.Select(c => c.Text).ToArray();
        var sequential = texts.Select(analyzer.Analyze).ToArray();

        var parallel = new SentimentScores[texts.Length];
        Parallel.For(0, texts.Length * 4, k => parallel[texts.Length - 1 - (k % texts.Length)] = analyzer.Analyze(texts[texts.Length - 1 - (k % texts.Length)]));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Scoring_allocates_nothing()
    {
        var analyzer = new VaderSentimentAnalyzer(VaderTestFiles.Lexicon);
        var texts = LoadFixture().Cases.Select(c => c.Text).Where(t => t.Length < 190).ToArray();
        foreach (var text in texts)
        {
            analyzer.Analyze(text);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0.0;
        foreach (var text in texts)
        {
            sum += analyzer.Analyze(text).Compound;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0.0, sum);
    }

    private static ReferenceFixture LoadFixture()
    {
        var json = File.ReadAllText(Path.Combine(VaderTestFiles.FixturesFolder, "vader-expected.json"));
        return JsonSerializer.Deserialize<ReferenceFixture>(json, JsonOptions)
            ?? throw new InvalidDataException("vader-expected.json is empty.");
    }

    private static string Worst(List<(ReferenceCase Case, double Error)> errors, VaderSentimentAnalyzer analyzer)
    {
        var text = new StringBuilder();
        foreach (var (c, error) in errors.OrderByDescending(e => e.Error).Take(15))
        {
            text.Append(CultureInfo.InvariantCulture, $"  |{error:F4}| {Quote(c.Text)}: reference {c.Compound}, ours {analyzer.Analyze(c.Text).Compound}\n");
        }

        return text.ToString();
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Format(ReferenceCase c) =>
        string.Create(CultureInfo.InvariantCulture, $"neg {c.Neg} neu {c.Neu} pos {c.Pos} compound {c.Compound}");

    private static string Format(SentimentScores s) =>
        string.Create(CultureInfo.InvariantCulture, $"neg {s.Negative} neu {s.Neutral} pos {s.Positive} compound {s.Compound}");
}
