using System.Numerics.Tensors;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras.Identification;

/// <summary>
/// Names a 128-d descriptor against one gallery version, either way: the nearest enrolled descriptor by Euclidean
/// distance (face-api's FaceMatcher rule: a match when the distance is at most the threshold), or the classifier rule:
/// an ML.NET maximum-entropy model trained on the gallery (<see cref="GalleryClassifier"/>) with a probability
/// threshold. The classifier needs two or more people; with fewer it falls back to the nearest-neighbour rule.
/// Immutable, so cameras share one instance per gallery version; a new version trains a new model.
/// </summary>
public sealed class FaceIdentifier
{
    private readonly string[] _names;
    private readonly float[][] _descriptors;
    private readonly int[] _owners;
    private readonly GalleryClassifier? _classifier;
    private readonly IdentificationMethod _method;
    private readonly double _matchThreshold;
    private readonly double _classifierThreshold;

    public FaceIdentifier(FaceGallerySnapshot gallery, IdentificationMethod method, double matchThreshold, double classifierThreshold)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        Version = gallery.Version;
        _method = method;
        _matchThreshold = matchThreshold;
        _classifierThreshold = classifierThreshold;
        _names = [.. gallery.People.Select(p => p.Name)];
        var samples = new List<(string, float[])>();
        var descriptors = new List<float[]>();
        var owners = new List<int>();
        for (var person = 0; person < gallery.People.Count; person++)
        {
            foreach (var descriptor in gallery.People[person].Descriptors)
            {
                descriptors.Add(descriptor);
                owners.Add(person);
                samples.Add((_names[person], descriptor));
            }
        }

        _descriptors = [.. descriptors];
        _owners = [.. owners];
        if (method == IdentificationMethod.Classifier && _names.Length >= 2)
        {
            _classifier = GalleryClassifier.Train(samples, gallery.Version);
        }
    }

    /// <summary>The gallery version this identifier was built from.</summary>
    public long Version { get; }

    /// <summary>Names <paramref name="descriptor"/>, or "Unknown".</summary>
    public Identification Identify(float[] descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (_descriptors.Length == 0)
        {
            return new Identification(CameraDetection.Unknown, 0, null);
        }

        var nearest = -1;
        var best = double.MaxValue;
        for (var i = 0; i < _descriptors.Length; i++)
        {
            double distance = TensorPrimitives.Distance(_descriptors[i], descriptor);
            if (distance < best)
            {
                best = distance;
                nearest = i;
            }
        }

        if (_classifier is null)
        {
            return best <= _matchThreshold
                ? new Identification(_names[_owners[nearest]], Math.Clamp(1 - best, 0, 1), best)
                : new Identification(CameraDetection.Unknown, Math.Clamp(1 - best, 0, 1), best);
        }

        Span<float> probabilities = stackalloc float[_classifier.Classes.Count];
        _classifier.Probabilities(descriptor, probabilities);
        var top = TensorPrimitives.IndexOfMax(probabilities);
        return probabilities[top] >= _classifierThreshold
            ? new Identification(_classifier.Classes[top], probabilities[top], best)
            : new Identification(CameraDetection.Unknown, probabilities[top], best);
    }
}
