using System.Numerics.Tensors;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras;

public class FaceAnalyzerReferenceTests
{
    public static TheoryData<string> Photos => new(FaceAssets.DemoPhotoNames);

    [Theory]
    [MemberData(nameof(Photos))]
    public void End_to_end_faces_match_face_apis_aligned_pipeline(string photo)
    {
        var reference = FaceAssets.Reference(photo);
        var analyzer = FaceModels.Analyzer(new FaceAnalysisOptions
        {
            Detector = new TinyFaceDetectorOptions { InputSize = reference.InputSize, ScoreThreshold = reference.ScoreThreshold },
        });

        var analysis = analyzer.Analyze(FaceAssets.DemoPhoto(photo));

        Assert.Equal(reference.AlignedFaces.Count, analysis.Faces.Count);
        foreach (var expected in reference.AlignedFaces)
        {
            var match = analysis.Faces.MaxBy(f => f.Detection.Box.IntersectionOverUnion(expected.FaceBox))!;
            Assert.True(match.Detection.Box.IntersectionOverUnion(expected.FaceBox) >= 0.9, $"{photo}: no detection matches {expected.Box}");
            var cosine = TensorPrimitives.CosineSimilarity(match.Descriptor, expected.Descriptor);
            Assert.True(cosine >= 0.995, $"{photo}: end-to-end descriptor cosine {cosine:F5} for {expected.Box}");
        }

        Assert.True(analysis.Timings.DecodeMs > 0 && analysis.Timings.DetectMs > 0);
    }

    [Fact]
    public void Without_alignment_descriptors_are_those_of_the_detection_boxes()
    {
        var reference = FaceAssets.Reference("sample3.jpg");
        var analyzer = FaceModels.Analyzer(new FaceAnalysisOptions { AlignWithLandmarks = false });

        var analysis = analyzer.Analyze(FaceAssets.DemoPhoto("sample3.jpg"));

        Assert.All(analysis.Faces, f => Assert.Null(f.Landmarks));
        foreach (var expected in reference.Faces)
        {
            var match = analysis.Faces.MaxBy(f => f.Detection.Box.IntersectionOverUnion(expected.FaceBox))!;
            Assert.Equal(match.Detection.Box, match.DescriptorBox);
            Assert.True(TensorPrimitives.CosineSimilarity(match.Descriptor, expected.Descriptor) >= 0.995);
        }
    }

    [Fact]
    public void Pairwise_same_person_decisions_at_0_6_agree_with_face_api()
    {
        // Every pair of faces across the demo photos: our descriptors must take the same side of face-api's 0.6
        // same-person threshold as face-api's own descriptors, every pair, however close to it.
        var ours = new List<float[]>();
        var theirs = new List<float[]>();
        var analyzer = FaceModels.Analyzer();
        foreach (var photo in FaceAssets.DemoPhotoNames)
        {
            var reference = FaceAssets.Reference(photo);
            var analysis = analyzer.Analyze(FaceAssets.DemoPhoto(photo));
            foreach (var expected in reference.AlignedFaces)
            {
                ours.Add(analysis.Faces.MaxBy(f => f.Detection.Box.IntersectionOverUnion(expected.FaceBox))!.Descriptor);
                theirs.Add(expected.Descriptor);
            }
        }

        var compared = 0;
        for (var a = 0; a < ours.Count; a++)
        {
            for (var b = a + 1; b < ours.Count; b++)
            {
                var expected = TensorPrimitives.Distance(theirs[a], theirs[b]);
                compared++;
                var actual = TensorPrimitives.Distance(ours[a], ours[b]);
                Assert.True(actual < 0.6f == expected < 0.6f, $"faces {a} and {b}: distance {actual:F3}, face-api {expected:F3}");
            }
        }

        Assert.Equal(ours.Count * (ours.Count - 1) / 2, compared);
        Assert.True(compared > 150, $"only {compared} pairs compared");
    }

    [Fact]
    public void Corrupt_frames_raise_invalid_image_before_any_model_runs()
    {
        var analyzer = FaceModels.Analyzer(new FaceAnalysisOptions { MaxPixels = 1000 });

        Assert.Throws<InvalidImageException>(() => analyzer.Analyze([1, 2, 3]));
        Assert.Throws<InvalidImageException>(() => analyzer.Analyze(FaceAssets.DemoPhoto("sample2.jpg")));
    }
}
