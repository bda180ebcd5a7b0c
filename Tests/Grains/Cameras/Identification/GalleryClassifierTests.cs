using StreamOrleans.Grains.Cameras.Identification;

namespace StreamOrleans.Tests.Grains.Cameras.Identification;

/// <summary>
/// Known answers from symmetry: alice's descriptors sit around +e0, bob's around -e0 (mirror images of each other), so
/// a trained logistic model must give a probe on the mirror plane (x0 = 0) exactly the same probability for both,
/// and probes on the axis a probability near 1 for the near side.
/// </summary>
public sealed class GalleryClassifierTests
{
    private static float[] Vector(params (int Index, float Value)[] values)
    {
        var vector = new float[128];
        foreach (var (index, value) in values)
        {
            vector[index] = value;
        }

        return vector;
    }

    private static List<(string, float[])> MirroredGallery() =>
    [
        ("alice", Vector((0, 0.5f), (1, 0.1f))),
        ("alice", Vector((0, 0.5f), (1, -0.1f))),
        ("alice", Vector((0, 0.6f), (2, 0.1f))),
        ("bob", Vector((0, -0.5f), (1, 0.1f))),
        ("bob", Vector((0, -0.5f), (1, -0.1f))),
        ("bob", Vector((0, -0.6f), (2, 0.1f))),
    ];

    [Fact]
    public void Mirror_images_get_mirrored_probabilities()
    {
        var classifier = GalleryClassifier.Train(MirroredGallery(), version: 7);
        Span<float> onAxis = stackalloc float[2];
        Span<float> onPlane = stackalloc float[2];

        classifier.Probabilities(Vector((0, 0.55f)), onAxis);
        classifier.Probabilities(Vector((1, 0.3f), (3, 0.2f)), onPlane);

        Assert.Equal(7, classifier.Version);
        Assert.Equal(["alice", "bob"], classifier.Classes);
        Assert.True(onAxis[0] > 0.95f, $"p(alice) = {onAxis[0]}");
        Assert.Equal(1f, onAxis[0] + onAxis[1], 5);
        Assert.Equal(0.5f, onPlane[0], 3);
        Assert.Equal(0.5f, onPlane[1], 3);
    }

    [Fact]
    public void The_same_gallery_trains_the_same_model()
    {
        Span<float> first = stackalloc float[2];
        Span<float> second = stackalloc float[2];
        var probe = Vector((0, 0.2f), (5, 0.3f));

        GalleryClassifier.Train(MirroredGallery(), 1).Probabilities(probe, first);
        GalleryClassifier.Train(MirroredGallery(), 2).Probabilities(probe, second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void One_person_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => GalleryClassifier.Train([("alice", Vector((0, 1)))], 1));

        Assert.StartsWith("The classifier needs descriptors of at least 2 people; got 1.", error.Message, StringComparison.Ordinal);
    }
}
