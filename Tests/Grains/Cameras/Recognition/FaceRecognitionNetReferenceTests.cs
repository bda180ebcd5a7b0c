using System.Numerics.Tensors;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.Recognition;

public class FaceRecognitionNetReferenceTests
{
    public static TheoryData<string> Photos => new(FaceAssets.DemoPhotoNames);

    [Theory]
    [MemberData(nameof(Photos))]
    public void Descriptor_of_each_reference_box_has_cosine_at_least_0_995(string photo)
    {
        var reference = FaceAssets.Reference(photo);
        var image = new JpegCodec().Decode(FaceAssets.DemoPhoto(photo));

        foreach (var face in reference.Faces)
        {
            var descriptor = FaceModels.Recognition.ComputeDescriptor(image, face.FaceBox);

            Assert.NotNull(descriptor);
            var cosine = TensorPrimitives.CosineSimilarity(descriptor, face.Descriptor);
            Assert.True(cosine >= 0.995, $"{photo}: face {face.Box} cosine {cosine:F5}, distance {TensorPrimitives.Distance(descriptor, face.Descriptor):F4}");
        }
    }
}
