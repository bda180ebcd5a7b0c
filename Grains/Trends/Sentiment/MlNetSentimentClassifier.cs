using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// A batch-trained three-class text classifier on ML.NET: FeaturizeText (word uni- and bigrams and character trigrams
/// of the social tokenizer's tokens, L2-normalised) and SdcaMaximumEntropy, a multinomial logistic regression trained by
/// stochastic dual coordinate ascent, whose softmax outputs are calibrated class probabilities. Thread-safe: prediction
/// goes through one engine under a lock.
/// </summary>
public sealed class MlNetSentimentClassifier
{
    private readonly Lock _gate = new();
    private readonly PredictionEngine<Input, Output> _engine;
    private readonly SentimentLabel[] _classOfSlot;

    private MlNetSentimentClassifier(PredictionEngine<Input, Output> engine, SentimentLabel[] classOfSlot)
    {
        _engine = engine;
        _classOfSlot = classOfSlot;
    }

    /// <summary>Trains on <paramref name="examples"/> (their <see cref="LabelledPost.Features"/>); every class must occur.</summary>
    public static MlNetSentimentClassifier Train(IReadOnlyList<LabelledPost> examples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var missing = Enum.GetValues<SentimentLabel>().Where(l => examples.All(e => e.Label != l)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Every class needs examples; none for {string.Join(", ", missing)}.", nameof(examples));
        }

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Input { Text = e.Features, Label = e.Label.ToString() }));
        var featurize = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
            KeepPunctuations = false,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Input.Label))
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurize, nameof(Input.Text)))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", "Features", maximumNumberOfIterations: 30));
        var model = pipeline.Fit(data);

        // Score's slots follow the key order of LabelKey, which is the order labels were first seen: read it back.
        VBuffer<ReadOnlyMemory<char>> keys = default;
        model.GetOutputSchema(data.Schema)["LabelKey"].GetKeyValues(ref keys);
        var classOfSlot = keys.DenseValues().Select(k => Enum.Parse<SentimentLabel>(k.ToString())).ToArray();
        return new MlNetSentimentClassifier(ml.Model.CreatePredictionEngine<Input, Output>(model), classOfSlot);
    }

    /// <summary>Class probabilities of a post given as its feature text (tokens joined by spaces).</summary>
    public SentimentPrediction Predict(string features)
    {
        ArgumentNullException.ThrowIfNull(features);
        float[] scores;
        lock (_gate)
        {
            scores = _engine.Predict(new Input { Text = features, Label = "" }).Score;
        }

        var p = new double[3];
        for (var slot = 0; slot < _classOfSlot.Length && slot < scores.Length; slot++)
        {
            p[(int)_classOfSlot[slot]] = scores[slot];
        }

        return new SentimentPrediction(p[0], p[1], p[2]);
    }

    private sealed class Input
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
    }
}
