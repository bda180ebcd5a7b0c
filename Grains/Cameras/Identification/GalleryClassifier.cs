using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace StreamOrleans.Grains.Cameras.Identification;

/// <summary>
/// The classifier rule of the seed design: multinomial logistic regression (maximum entropy) on a gallery's
/// descriptors, trained with ML.NET's LbfgsMaximumEntropy (L-BFGS, Nocedal 1980) and answering a probability per
/// enrolled person. One instance per gallery version (it is retrained when the gallery changes, never updated in place).
/// Thread-safe: ML.NET's prediction engine is not, so predictions take a lock (about 10 µs each).
/// </summary>
public sealed class GalleryClassifier
{
    private readonly PredictionEngine<Sample, Scores> _engine;
    private readonly string[] _classes;
    private readonly Lock _gate = new();

    private GalleryClassifier(PredictionEngine<Sample, Scores> engine, string[] classes, long version)
    {
        _engine = engine;
        _classes = classes;
        Version = version;
    }

    /// <summary>The gallery version the model was trained on.</summary>
    public long Version { get; }

    /// <summary>The people the model knows, in the order of <see cref="Probabilities"/>.</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>Trains on every descriptor of every person (two or more people).</summary>
    public static GalleryClassifier Train(IReadOnlyList<(string Name, float[] Descriptor)> samples, long version)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var people = samples.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count();
        if (people < 2)
        {
            throw new ArgumentException($"The classifier needs descriptors of at least 2 people; got {people}.", nameof(samples));
        }

        var length = samples[0].Descriptor.Length;
        if (samples.Any(s => s.Descriptor.Length != length))
        {
            throw new ArgumentException($"Every descriptor must have {length} values.", nameof(samples));
        }

        // Fixed seed: the same gallery gives the same model on every silo.
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Sample));
        schema[nameof(Sample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        var data = ml.Data.LoadFromEnumerable(samples.Select(s => new Sample { Name = s.Name, Features = s.Descriptor }), schema);

        // Descriptors are nearly separable per person and galleries are small: a light L2 penalty and no L1 keep
        // the probabilities of enrolled faces near 1 without overfitting a handful of samples to infinity.
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(Sample.Name))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = nameof(Sample.Features),
                L1Regularization = 0,
                L2Regularization = 0.01f,
                OptimizationTolerance = 1e-7f,
                MaximumNumberOfIterations = 500,
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(data);

        // Score slots follow the label's key order; its key values are the names.
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(data.Schema)["Label"].GetKeyValues(ref names);
        var classes = names.DenseValues().Select(n => n.ToString()).ToArray();
        var engine = ml.Model.CreatePredictionEngine<Sample, Scores>(model, inputSchemaDefinition: schema);
        return new GalleryClassifier(engine, classes, version);
    }

    /// <summary>p(person | descriptor) for every person of <see cref="Classes"/>, written into <paramref name="destination"/>.</summary>
    public void Probabilities(float[] descriptor, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (destination.Length != _classes.Length)
        {
            throw new ArgumentException($"Destination has {destination.Length} slots; the model has {_classes.Length} people.", nameof(destination));
        }

        lock (_gate)
        {
            var scores = _engine.Predict(new Sample { Name = string.Empty, Features = descriptor }).Score;
            scores.AsSpan().CopyTo(destination);
        }
    }

    private sealed class Sample
    {
        public string Name { get; set; } = string.Empty;

        public float[] Features { get; set; } = [];
    }

    private sealed class Scores
    {
        public float[] Score { get; set; } = [];
    }
}
