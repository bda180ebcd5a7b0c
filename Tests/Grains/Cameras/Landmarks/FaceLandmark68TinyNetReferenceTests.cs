using System.Numerics.Tensors;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.Landmarks;

public class FaceLandmark68TinyNetReferenceTests
{
    public static TheoryData<string> Photos => new(FaceAssets.DemoPhotoNames);

    [Theory]
    [MemberData(nameof(Photos))]
    public void Landmarks_aligned_box_and_aligned_descriptor_match_face_api(string photo)
    {
        var reference = FaceAssets.Reference(photo);
        var image = new JpegCodec().Decode(FaceAssets.DemoPhoto(photo));

        foreach (var face in reference.AlignedFaces)
        {
            // Start from face-api's own detection box so that this test checks landmarks and alignment alone.
            var landmarks = FaceModels.Landmarks.Detect(image, face.FaceBox);

            Assert.NotNull(landmarks);
            var meanError = landmarks.Points.Select((p, i) => Math.Sqrt(
                Math.Pow(p.X - face.Landmarks[i][0], 2) + Math.Pow(p.Y - face.Landmarks[i][1], 2))).Average();
            Assert.True(meanError < 0.01 * face.Box.Width, $"{photo}: mean landmark error {meanError:F2} px for a {face.Box.Width:F0} px face");

            var aligned = landmarks.AlignedBox();
            var iou = aligned.IntersectionOverUnion(face.AlignedFaceBox);
            Assert.True(iou >= 0.95, $"{photo}: aligned box {aligned} vs {face.AlignedBox}, IoU {iou:F3}");

            var descriptor = FaceModels.Recognition.ComputeDescriptor(image, aligned);
            Assert.NotNull(descriptor);
            var cosine = TensorPrimitives.CosineSimilarity(descriptor, face.Descriptor);
            Assert.True(cosine >= 0.995, $"{photo}: aligned descriptor cosine {cosine:F5}");
        }
    }
}
