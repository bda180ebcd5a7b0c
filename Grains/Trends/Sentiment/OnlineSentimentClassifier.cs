using System.Buffers;
using System.Runtime.InteropServices;

namespace StreamOrleans.Grains.Trends.Sentiment;

/// <summary>
/// Online three-class (negative / neutral / positive) sentiment classifier: multinomial logistic regression (softmax)
/// over hashed word unigrams and bigrams, trained one example at a time with FTRL-Proximal.
/// </summary>
/// <remarks>
/// Method: FTRL-Proximal with per-coordinate learning rates and L1/L2 regularisation, Algorithm 1 of McMahan et al.,
/// "Ad Click Prediction: a View from the Trenches" (KDD 2013), applied to each (feature, class) weight of a softmax
/// model with the usual cross-entropy gradient p_c - y_c. Features are the hashing trick over unigrams and bigrams
/// (<see cref="HashedNgramFeatures"/>) plus a bias; repeated features in one text count as x = occurrences.
/// Learn is test-then-train and feeds <see cref="Metrics"/>. Not thread-safe: one owner (a grain) calls it.
/// </remarks>
public sealed class OnlineSentimentClassifier
{
    /// <summary>Number of classes (negative, neutral, positive).</summary>
    public const int ClassCount = 3;

    private const int StackFeatureLimit = 256;

    // Per bucket, Stride floats: z for the three classes, then sqrt(n) for the three classes. Keeping a bucket's
    // six numbers together costs one cache miss per feature instead of two, and storing sqrt(n) saves a square root
    // per weight read and per update.
    private const int Stride = 2 * ClassCount;

    private readonly float[] _state;
    private readonly int _biasBucket;
    private readonly double _alpha;
    private readonly double _beta;
    private readonly double _l1;
    private readonly double _l2;

    /// <summary>Creates an untrained classifier.</summary>
    public OnlineSentimentClassifier(OnlineSentimentClassifierOptions? options = null)
        : this(options ?? new OnlineSentimentClassifierOptions(), null)
    {
    }

    private OnlineSentimentClassifier(OnlineSentimentClassifierOptions options, PrequentialMetrics? metrics)
    {
        options.Validate();
        Options = options;
        _biasBucket = 1 << options.HashBits;
        _state = new float[(_biasBucket + 1) * Stride];
        _alpha = options.Alpha;
        _beta = options.Beta;
        _l1 = options.L1;
        _l2 = options.L2;
        Metrics = metrics ?? new PrequentialMetrics(ClassCount, options.MetricsWindow);
    }

    /// <summary>The settings in use.</summary>
    public OnlineSentimentClassifierOptions Options { get; }

    /// <summary>Prequential accuracy and macro-F1 of everything learned so far.</summary>
    public PrequentialMetrics Metrics { get; }

    /// <summary>Class probabilities for already-tokenised, normalised text. Allocates nothing for up to 128 tokens.</summary>
    public SentimentPrediction Predict(ReadOnlySpan<string> tokens) => Run(tokens, [], fromHashes: false, label: null);

    /// <summary>Class probabilities for already-tokenised, normalised text.</summary>
    public SentimentPrediction Predict(IReadOnlyList<string> tokens) => WithSpan(tokens, label: null);

    /// <summary>
    /// Test-then-train: predicts, records the outcome in <see cref="Metrics"/>, then updates the model with the true
    /// <paramref name="label"/>. Returns the prediction made before the update.
    /// </summary>
    public SentimentPrediction Learn(ReadOnlySpan<string> tokens, SentimentLabel label) => Run(tokens, [], fromHashes: false, CheckLabel(label));

    /// <summary>Test-then-train on a token list; see <see cref="Learn(ReadOnlySpan{string}, SentimentLabel)"/>.</summary>
    public SentimentPrediction Learn(IReadOnlyList<string> tokens, SentimentLabel label) => WithSpan(tokens, CheckLabel(label));

    /// <summary>
    /// Class probabilities from token hashes: <see cref="Hashing.TextHash.Hash64"/> of each normalised token, in text
    /// order. Same features as the string overloads, for tokenizers that yield character spans. Allocates nothing.
    /// </summary>
    public SentimentPrediction PredictHashed(ReadOnlySpan<ulong> tokenHashes) => Run([], tokenHashes, fromHashes: true, label: null);

    /// <summary>Test-then-train from token hashes; see <see cref="PredictHashed"/> and <see cref="Learn(ReadOnlySpan{string}, SentimentLabel)"/>.</summary>
    public SentimentPrediction LearnHashed(ReadOnlySpan<ulong> tokenHashes, SentimentLabel label) =>
        Run([], tokenHashes, fromHashes: true, CheckLabel(label));

    /// <summary>A copy of the model and metrics holding only buckets that were ever updated.</summary>
    public OnlineSentimentClassifierState ExportState()
    {
        var buckets = new List<int>();
        for (var b = 0; b <= _biasBucket; b++)
        {
            var k = (b * Stride) + ClassCount;
            if (_state[k] != 0 || _state[k + 1] != 0 || _state[k + 2] != 0)
            {
                buckets.Add(b);
            }
        }

        var z = new float[buckets.Count * ClassCount];
        var sqrtN = new float[buckets.Count * ClassCount];
        for (var i = 0; i < buckets.Count; i++)
        {
            Array.Copy(_state, buckets[i] * Stride, z, i * ClassCount, ClassCount);
            Array.Copy(_state, (buckets[i] * Stride) + ClassCount, sqrtN, i * ClassCount, ClassCount);
        }

        return new OnlineSentimentClassifierState(Options, [.. buckets], z, sqrtN, Metrics.ExportState());
    }

    /// <summary>Rebuilds a classifier from <see cref="ExportState"/>'s output.</summary>
    public static OnlineSentimentClassifier FromState(OnlineSentimentClassifierState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(state.Options, nameof(state.Options));
        ArgumentNullException.ThrowIfNull(state.Buckets, nameof(state.Buckets));
        ArgumentNullException.ThrowIfNull(state.Z, nameof(state.Z));
        ArgumentNullException.ThrowIfNull(state.SqrtN, nameof(state.SqrtN));
        ArgumentNullException.ThrowIfNull(state.Metrics, nameof(state.Metrics));
        if (state.Z.Length != state.Buckets.Length * ClassCount || state.SqrtN.Length != state.Buckets.Length * ClassCount)
        {
            throw new ArgumentException($"Z and SqrtN must hold {ClassCount} values per bucket.", nameof(state));
        }

        var metrics = PrequentialMetrics.FromState(state.Metrics);
        if (metrics.ClassCount != ClassCount)
        {
            throw new ArgumentException($"Metrics must have {ClassCount} classes.", nameof(state));
        }

        var model = new OnlineSentimentClassifier(state.Options, metrics);
        for (var i = 0; i < state.Buckets.Length; i++)
        {
            var b = state.Buckets[i];
            if ((uint)b > (uint)model._biasBucket)
            {
                throw new ArgumentException($"Bucket {b} is outside 0..{model._biasBucket}.", nameof(state));
            }

            Array.Copy(state.Z, i * ClassCount, model._state, b * Stride, ClassCount);
            Array.Copy(state.SqrtN, i * ClassCount, model._state, (b * Stride) + ClassCount, ClassCount);
        }

        return model;
    }

    private static int? CheckLabel(SentimentLabel label) =>
        label is SentimentLabel.Negative or SentimentLabel.Neutral or SentimentLabel.Positive
            ? (int)label
            : throw new ArgumentOutOfRangeException(nameof(label), label, "Label must be Negative, Neutral or Positive.");

    private SentimentPrediction WithSpan(IReadOnlyList<string> tokens, int? label)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        switch (tokens)
        {
            case string[] array:
                return Run(array, [], fromHashes: false, label);
            case List<string> list:
                return Run(CollectionsMarshal.AsSpan(list), [], fromHashes: false, label);
            default:
                var rented = ArrayPool<string>.Shared.Rent(tokens.Count);
                try
                {
                    for (var i = 0; i < tokens.Count; i++)
                    {
                        rented[i] = tokens[i];
                    }

                    return Run(rented.AsSpan(0, tokens.Count), [], fromHashes: false, label);
                }
                finally
                {
                    ArrayPool<string>.Shared.Return(rented, clearArray: true);
                }
        }
    }

    private SentimentPrediction Run(ReadOnlySpan<string> tokens, ReadOnlySpan<ulong> tokenHashes, bool fromHashes, int? label)
    {
        var capacity = HashedNgramFeatures.Capacity(fromHashes ? tokenHashes.Length : tokens.Length, Options.UseBigrams) + 1;
        int[]? rentedInts = null;
        double[]? rentedWeights = null;
        // Stack buffers sized to this text (stackalloc zero-fills, so a fixed 8 KB buffer would cost more than the math).
        var ints = capacity <= StackFeatureLimit
            ? stackalloc int[2 * capacity]
            : (rentedInts = ArrayPool<int>.Shared.Rent(2 * capacity));
        var weights = capacity <= StackFeatureLimit
            ? stackalloc double[ClassCount * capacity]
            : (rentedWeights = ArrayPool<double>.Shared.Rent(ClassCount * capacity));
        try
        {
            var buckets = ints[..capacity];
            var counts = ints.Slice(capacity, capacity);
            var total = fromHashes
                ? HashedNgramFeatures.ExtractFromHashes(tokenHashes, Options.HashBits, Options.UseBigrams, buckets)
                : HashedNgramFeatures.Extract(tokens, Options.HashBits, Options.UseBigrams, buckets);
            var distinct = CollapseFeatures(total, buckets, counts);
            Span<double> p = stackalloc double[ClassCount];
            Score(buckets[..distinct], counts[..distinct], weights, p);
            var prediction = new SentimentPrediction(p[0], p[1], p[2]);
            if (label is int y)
            {
                Metrics.Record(y, (int)prediction.Label);
                Update(buckets[..distinct], counts[..distinct], weights, p, y);
            }

            return prediction;
        }
        finally
        {
            if (rentedInts is not null)
            {
                ArrayPool<int>.Shared.Return(rentedInts);
            }

            if (rentedWeights is not null)
            {
                ArrayPool<double>.Shared.Return(rentedWeights);
            }
        }
    }

    // Adds the bias to the n-gram buckets and collapses repeats into (bucket, occurrences); returns the distinct count.
    private int CollapseFeatures(int total, Span<int> buckets, Span<int> counts)
    {
        buckets[total++] = _biasBucket;
        var all = buckets[..total];
        SortSmall(all);
        var distinct = 0;
        for (var i = 0; i < total; i++)
        {
            if (distinct > 0 && buckets[distinct - 1] == all[i])
            {
                counts[distinct - 1]++;
            }
            else
            {
                buckets[distinct] = all[i];
                counts[distinct] = 1;
                distinct++;
            }
        }

        return distinct;
    }

    // Texts have a few dozen features: insertion sort beats the general-purpose sort's set-up cost there.
    private static void SortSmall(Span<int> values)
    {
        if (values.Length > 48)
        {
            values.Sort();
            return;
        }

        for (var i = 1; i < values.Length; i++)
        {
            var v = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = v;
        }
    }

    // Lazily materialises each weight from (z, n) as FTRL-Proximal prescribes, then applies softmax to the logits.
    private void Score(ReadOnlySpan<int> buckets, ReadOnlySpan<int> counts, Span<double> weights, Span<double> p)
    {
        double s0 = 0, s1 = 0, s2 = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            var k = buckets[i] * Stride;
            var w0 = Weight(_state[k], _state[k + 3]);
            var w1 = Weight(_state[k + 1], _state[k + 4]);
            var w2 = Weight(_state[k + 2], _state[k + 5]);
            weights[i * ClassCount] = w0;
            weights[(i * ClassCount) + 1] = w1;
            weights[(i * ClassCount) + 2] = w2;
            var x = counts[i];
            s0 += w0 * x;
            s1 += w1 * x;
            s2 += w2 * x;
        }

        var max = Math.Max(s0, Math.Max(s1, s2));
        var e0 = Math.Exp(s0 - max);
        var e1 = Math.Exp(s1 - max);
        var e2 = Math.Exp(s2 - max);
        var sum = e0 + e1 + e2;
        p[0] = e0 / sum;
        p[1] = e1 / sum;
        p[2] = e2 / sum;
    }

    // w = 0 if |z| <= l1, else -(z - sign(z) l1) / ((beta + sqrt(n)) / alpha + l2).
    private double Weight(double z, double sqrtN)
    {
        if (Math.Abs(z) <= _l1)
        {
            return 0;
        }

        return -(z - (Math.Sign(z) * _l1)) / (((_beta + sqrtN) / _alpha) + _l2);
    }

    // FTRL-Proximal per coordinate: g = (p_c - y_c) x; sigma = (sqrt(n + g^2) - sqrt(n)) / alpha; z += g - sigma w; n += g^2.
    private void Update(ReadOnlySpan<int> buckets, ReadOnlySpan<int> counts, ReadOnlySpan<double> weights, ReadOnlySpan<double> p, int label)
    {
        for (var i = 0; i < buckets.Length; i++)
        {
            var k = buckets[i] * Stride;
            var x = counts[i];
            for (var c = 0; c < ClassCount; c++)
            {
                var g = (p[c] - (c == label ? 1.0 : 0.0)) * x;
                double sqrtN = _state[k + ClassCount + c];
                var newSqrtN = Math.Sqrt((sqrtN * sqrtN) + (g * g));
                var sigma = (newSqrtN - sqrtN) / _alpha;
                _state[k + c] = (float)(_state[k + c] + g - (sigma * weights[(i * ClassCount) + c]));
                _state[k + ClassCount + c] = (float)newSqrtN;
            }
        }
    }
}
