using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.FaceDetection;

public class TinyFaceDetectorReferenceTests
{
    public static TheoryData<string> Photos => new(FaceAssets.DemoPhotoNames);

    [Theory]
    [MemberData(nameof(Photos))]
    public void Finds_every_reference_face_with_iou_at_least_0_9(string photo)
    {
        var reference = FaceAssets.Reference(photo);
        var image = new JpegCodec().Decode(FaceAssets.DemoPhoto(photo));
        var options = new TinyFaceDetectorOptions { InputSize = reference.InputSize, ScoreThreshold = reference.ScoreThreshold };

        var faces = FaceModels.Detector.Detect(image, options);

        Assert.Equal(reference.Faces.Count, faces.Count);
        foreach (var expected in reference.Faces)
        {
            var best = faces.MaxBy(f => f.Box.IntersectionOverUnion(expected.FaceBox))!;
            var iou = best.Box.IntersectionOverUnion(expected.FaceBox);
            Assert.True(iou >= 0.9, $"{photo}: reference face {expected.Box} best match {best.Box} has IoU {iou:F3}");
            Assert.InRange(best.Score, expected.Score - 0.05, expected.Score + 0.05);
        }
    }
}
