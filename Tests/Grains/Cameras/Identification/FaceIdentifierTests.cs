using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Cameras.Identification;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Tests.Grains.Cameras.Identification;

/// <summary>
/// Identification on face-api's own reference descriptors (Tests/Fixtures/Faces). The demo photos show different
/// people whose descriptors are often 0.55..0.7 apart, so "same person" here means what face-api decides: a
/// reference distance at most 0.6 (sample1 face 0 vs sample2's face: 0.552), and "different" a distance well over
/// it (sample3 face 0 vs sample2: 0.679).
/// </summary>
public sealed class FaceIdentifierTests
{
    private static float[] Descriptor(int sample, int face) => FaceAssets.Reference($"sample{sample}.jpg").AlignedFaces[face].Descriptor;

    private static FaceGallerySnapshot Gallery() => new(3, [
        new GalleryPerson("alice", [Descriptor(2, 0)]),
        new GalleryPerson("bob", [Descriptor(5, 3)]),
    ]);

    [Fact]
    public void Nearest_names_the_same_person_and_calls_a_different_one_unknown()
    {
        var identifier = new FaceIdentifier(Gallery(), IdentificationMethod.Nearest, 0.6, 0.8);

        var same = identifier.Identify(Descriptor(1, 0));
        var other = identifier.Identify(Descriptor(3, 0));

        Assert.Equal(3, identifier.Version);
        Assert.Equal("alice", same.Name);
        Assert.Equal(0.552, same.Distance!.Value, 2);
        Assert.Equal(1 - same.Distance.Value, same.Confidence, 9);
        Assert.Equal(CameraDetection.Unknown, other.Name);
        Assert.True(other.Distance > 0.6);
    }

    [Fact]
    public void Threshold_is_inclusive_and_configurable()
    {
        var probe = Descriptor(1, 0);
        var distance = new FaceIdentifier(Gallery(), IdentificationMethod.Nearest, 0.6, 0.8).Identify(probe).Distance!.Value;

        Assert.Equal("alice", new FaceIdentifier(Gallery(), IdentificationMethod.Nearest, distance, 0.8).Identify(probe).Name);
        Assert.Equal(CameraDetection.Unknown, new FaceIdentifier(Gallery(), IdentificationMethod.Nearest, distance - 1e-4, 0.8).Identify(probe).Name);
    }

    [Fact]
    public void Classifier_names_confident_faces_and_refuses_below_the_probability_threshold()
    {
        var identifier = new FaceIdentifier(Gallery(), IdentificationMethod.Classifier, 0.6, 0.8);

        var same = identifier.Identify(Descriptor(1, 0));
        var stranger = identifier.Identify(Descriptor(3, 0));

        Assert.Equal("alice", same.Name);
        Assert.InRange(same.Confidence, 0.8, 1.0);
        Assert.Equal(CameraDetection.Unknown, stranger.Name);
        Assert.InRange(stranger.Confidence, 0.5, 0.8);
        Assert.Equal("bob", identifier.Identify(Descriptor(5, 3)).Name);
    }

    [Fact]
    public void Empty_gallery_names_nobody_and_classifier_with_one_person_falls_back_to_nearest()
    {
        Assert.Equal(new StreamOrleans.Grains.Cameras.Identification.Identification(CameraDetection.Unknown, 0, null), new FaceIdentifier(new FaceGallerySnapshot(0, []), IdentificationMethod.Nearest, 0.6, 0.8).Identify(Descriptor(1, 0)));

        var single = new FaceIdentifier(new FaceGallerySnapshot(1, [new GalleryPerson("alice", [Descriptor(2, 0)])]), IdentificationMethod.Classifier, 0.6, 0.8);
        Assert.Equal("alice", single.Identify(Descriptor(1, 0)).Name);
        Assert.Equal(CameraDetection.Unknown, single.Identify(Descriptor(3, 0)).Name);
    }
}
