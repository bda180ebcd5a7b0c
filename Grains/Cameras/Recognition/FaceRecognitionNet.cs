using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Onnx;

namespace StreamOrleans.Grains.Cameras.Recognition;

/// <summary>
/// The face recognition net of face-api (a port of dlib's dlib_face_recognition_resnet_model_v1: a ResNet-34-like
/// network trained with a metric loss so that faces of one person lie within Euclidean distance ~0.6), on face-api's
/// pretrained weights converted to ONNX (our converter (Onnx/FaceApiOnnxConverter)). Input: the face crop
/// zero-padded to a centred square, resized to 150x150, mean RGB subtracted, / 255. All faces of a frame run as one
/// batch. Thread-safe.
/// </summary>
public sealed class FaceRecognitionNet
{
    public const int InputSize = 150;

    public const int DescriptorLength = 128;

    private const int PerFace = 3 * InputSize * InputSize;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly OnnxModel _model;

    public FaceRecognitionNet(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>The 128-d descriptor of the face inside <paramref name="box"/> (unaligned crop), or null if the box misses the image.</summary>
    public float[]? ComputeDescriptor(RgbImage image, FaceBox box) => ComputeDescriptors(image, [box])[0];

    /// <summary>The descriptor per box (null where a box misses the image), computed in one batch.</summary>
    public IReadOnlyList<float[]?> ComputeDescriptors(RgbImage image, IReadOnlyList<FaceBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(boxes);
        var regions = boxes.Select(b => b.CropRegion(image.Width, image.Height)).ToArray();
        var results = new float[]?[boxes.Count];
        var inside = regions.Count(r => r is not null);
        if (inside == 0)
        {
            return results;
        }

        var input = GC.AllocateUninitializedArray<float>(inside * PerFace);
        var n = 0;
        foreach (var region in regions)
        {
            if (region is { } r)
            {
                SquareResampler.WritePlanar(image, r, InputSize, centre: true, MeanRgb, input, n++ * PerFace);
            }
        }

        var output = _model.Run(input, [inside, 3, InputSize, InputSize]);
        n = 0;
        for (var i = 0; i < boxes.Count; i++)
        {
            if (regions[i] is not null)
            {
                results[i] = output.AsSpan(n++ * DescriptorLength, DescriptorLength).ToArray();
            }
        }

        return results;
    }

    /// <summary>The 128-d descriptor of the face filling <paramref name="region"/> of <paramref name="image"/>.</summary>
    public float[] ComputeDescriptor(RgbImage image, PixelRegion region)
    {
        ArgumentNullException.ThrowIfNull(image);
        var input = GC.AllocateUninitializedArray<float>(PerFace);
        SquareResampler.WritePlanar(image, region, InputSize, centre: true, MeanRgb, input, 0);
        return _model.Run(input, [1, 3, InputSize, InputSize]);
    }
}
