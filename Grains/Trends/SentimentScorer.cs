using Microsoft.Extensions.Options;
using StreamOrleans.Grains.Interfaces.Trends;
using StreamOrleans.Grains.Trends.Sentiment;
using StreamOrleans.Grains.Trends.Text;

namespace StreamOrleans.Grains.Trends;

/// <summary>
/// The silo's sentiment: VADER's lexicon and rules (Hutto and Gilbert 2014) and a learned model, combined. Two learned
/// models compete: the online classifier (FTRL-Proximal on hashed uni- and bigrams, learning every labelled post as it
/// arrives) and an ML.NET text classifier retrained on a schedule (<see cref="SentimentTraining"/>); each retraining is a
/// version scored on the newest labelled posts held out, and the better of the two serves. One instance per silo: the
/// <see cref="SentimentLearner"/> trains it from the log, topic grains and the API score with it (thread-safe).
/// </summary>
/// <remarks>
/// Combination: combined = w x learned + (1 - w) x lexicon, where learned is P(positive) - P(negative) of the serving
/// model and the weight w = max(0, (a - 1/3) / (2/3)) x min(1, n / LearnedWarmupPosts) grows with the serving model's
/// accuracy a above chance (three classes: the ML.NET model's holdout accuracy, the FTRL model's windowed prequential
/// accuracy) and with the number n of labelled posts learned from. Before any label the lexicon alone speaks; a model
/// that is no better than chance gets no say.
/// </remarks>
public sealed class SentimentScorer
{
    /// <summary>VADER's convention: |compound| below this is neutral.</summary>
    public const double NeutralBand = 0.05;

    private readonly Lock _gate = new();
    private readonly VaderSentimentAnalyzer _lexicon;
    private readonly OnlineSentimentClassifier _learned = new();
    private readonly List<SentimentModelVersion> _versions = [];
    private readonly int _warmup;
    private readonly int _keepVersions;
    private MlNetSentimentClassifier? _mlnet;
    private SentimentModelVersion? _current;

    /// <summary>Loads the lexicon from Trends:LexiconPath or the set-up cache.</summary>
    public SentimentScorer(IOptions<TrendsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.LexiconPath ?? SetupCache.Resolve(VaderLexicon.CacheRelativePath);
        _lexicon = new VaderSentimentAnalyzer(VaderLexicon.Load(path));
        _warmup = options.Value.LearnedWarmupPosts;
        _keepVersions = options.Value.SentimentKeepVersions;
    }

    /// <summary>VADER (thread-safe), for the holdout baseline.</summary>
    public VaderSentimentAnalyzer Lexicon => _lexicon;

    /// <summary>"mlnet" when the ML.NET classifier serves, else "ftrl".</summary>
    public string Served
    {
        get
        {
            lock (_gate)
            {
                return ServedModel;
            }
        }
    }

    private string ServedModel => _current?.Served == "mlnet" && _mlnet is not null ? "mlnet" : "ftrl";

    /// <summary>Labelled posts learned so far.</summary>
    public long LearnedPosts { get; private set; }

    /// <summary>Prequential (test-then-train) accuracy and macro-F1, overall and over the recent window.</summary>
    public SentimentModelMetrics Metrics()
    {
        lock (_gate)
        {
            var m = _learned.Metrics;
            return new SentimentModelMetrics(LearnedPosts, m.Accuracy, m.MacroF1, m.WindowAccuracy, m.WindowMacroF1, LearnedWeight(), ServedModel, [.. _versions]);
        }
    }

    /// <summary>Scores <paramref name="text"/> (tokenized into <paramref name="tokens"/>).</summary>
    public SentimentResult Score(string text, TokenList tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var lexicon = _lexicon.Analyze(text).Compound;
        var features = Features(tokens);
        double? learned = null;
        double weight;
        MlNetSentimentClassifier? mlnet;
        lock (_gate)
        {
            weight = LearnedWeight();
            mlnet = ServedModel == "mlnet" ? _mlnet : null;
            if (LearnedPosts > 0 && mlnet is null)
            {
                learned = _learned.Predict(features).Polarity;
            }
        }

        if (mlnet is not null)
        {
            learned = mlnet.Predict(string.Join(' ', features)).Polarity;
        }

        var combined = learned is { } l ? (weight * l) + ((1 - weight) * lexicon) : lexicon;
        return new SentimentResult(lexicon, learned, combined, weight, Label(combined));
    }

    /// <summary>Test-then-train on one labelled post.</summary>
    public void Learn(TokenList tokens, PostLabel label)
    {
        var features = Features(tokens);
        var target = label switch
        {
            PostLabel.Negative => SentimentLabel.Negative,
            PostLabel.Neutral => SentimentLabel.Neutral,
            PostLabel.Positive => SentimentLabel.Positive,
            _ => throw new ArgumentOutOfRangeException(nameof(label), label, "Unknown label."),
        };
        lock (_gate)
        {
            _learned.Learn(features, target);
            LearnedPosts++;
        }
    }

    /// <summary>Serves a retrained version: its ML.NET classifier when the version chose it, else the online model.</summary>
    public void Serve(SentimentModelVersion version, MlNetSentimentClassifier mlnet)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(mlnet);
        lock (_gate)
        {
            _current = version;
            _mlnet = mlnet;
            _versions.Insert(0, version);
            if (_versions.Count > _keepVersions)
            {
                _versions.RemoveAt(_versions.Count - 1);
            }
        }
    }

    /// <summary>"positive", "negative" or "neutral" for a combined score.</summary>
    public static string Label(double score) => score >= NeutralBand ? "positive" : score <= -NeutralBand ? "negative" : "neutral";

    private double LearnedWeight()
    {
        if (LearnedPosts == 0)
        {
            return 0;
        }

        var accuracy = ServedModel == "mlnet" ? _current!.MlNet.Accuracy
            : _learned.Metrics.WindowCount > 0 ? _learned.Metrics.WindowAccuracy : _learned.Metrics.Accuracy;
        return Math.Max(0, (accuracy - (1d / 3)) / (2d / 3)) * Math.Min(1, (double)LearnedPosts / _warmup);
    }

    // The classifier's tokens: normalised words, hashtags, emoji and emoticons; words in a negation's scope get "not_".
    internal static string[] Features(TokenList tokens)
    {
        var features = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind is TokenKind.Word or TokenKind.Hashtag or TokenKind.Emoji or TokenKind.Emoticon)
            {
                var text = tokens.GetNormalizedString(i).ToLowerInvariant();
                features.Add(token.Has(TokenFlags.Negated) ? "not_" + text : text);
            }
        }

        return [.. features];
    }
}
