using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Grains.Cameras.Inference.Previous;

/// <summary>
/// The face recognition net of face-api (a port of dlib's dlib_face_recognition_resnet_model_v1: a ResNet-34-like
/// network with fewer filters, trained with a metric loss so that faces of one person lie within Euclidean distance
/// ~0.6), on face-api's pretrained weights (face_recognition_model). Our own port of face-api's KernelFaceRecognitionNet:
/// 150x150 input (centred zero padding to a square, bilinear resize, mean RGB subtracted, / 255), conv 7x7/2 + max-pool
/// 3/2, residual stages of 32, 64, 128 and 256 filters, global average pooling and a 256x128 fully connected layer.
/// Thread-safe once constructed.
/// </summary>
public sealed class KernelFaceRecognitionNet
{
    public const string ManifestFileName = "face_recognition_model-weights_manifest.json";

    public const int InputSize = 150;

    public const int DescriptorLength = 128;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly ConvLayer _stem;
    private readonly ResidualBlock[] _blocks;
    private readonly float[] _fullyConnected;

    public KernelFaceRecognitionNet(WeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _stem = ResidualBlock.LoadScaledConv(weights, "conv32_down", 7, 3, 32, 2, Padding.Valid).WithActivation(0f);
        _blocks =
        [
            ResidualBlock.Load(weights, "conv32_1", 32, 32, down: false),
            ResidualBlock.Load(weights, "conv32_2", 32, 32, down: false),
            ResidualBlock.Load(weights, "conv32_3", 32, 32, down: false),
            ResidualBlock.Load(weights, "conv64_down", 32, 64, down: true),
            ResidualBlock.Load(weights, "conv64_1", 64, 64, down: false),
            ResidualBlock.Load(weights, "conv64_2", 64, 64, down: false),
            ResidualBlock.Load(weights, "conv64_3", 64, 64, down: false),
            ResidualBlock.Load(weights, "conv128_down", 64, 128, down: true),
            ResidualBlock.Load(weights, "conv128_1", 128, 128, down: false),
            ResidualBlock.Load(weights, "conv128_2", 128, 128, down: false),
            ResidualBlock.Load(weights, "conv256_down", 128, 256, down: true),
            ResidualBlock.Load(weights, "conv256_1", 256, 256, down: false),
            ResidualBlock.Load(weights, "conv256_2", 256, 256, down: false),
            ResidualBlock.Load(weights, "conv256_down_out", 256, 256, down: true),
        ];
        _fullyConnected = weights.Get("fc", 256, DescriptorLength);
    }

    /// <summary>Loads the weights from face-api's model folder (…/@vladmandic/face-api/model).</summary>
    public static KernelFaceRecognitionNet Load(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        return new KernelFaceRecognitionNet(TfjsWeightsLoader.Load(Path.Combine(modelDirectory, ManifestFileName)));
    }

    /// <summary>The 128-d descriptor of the face inside <paramref name="box"/> (unaligned crop), or null if the box misses the image.</summary>
    public float[]? ComputeDescriptor(RgbImage image, FaceBox box)
    {
        ArgumentNullException.ThrowIfNull(image);
        var region = box.CropRegion(image.Width, image.Height);
        return region is { } r ? ComputeDescriptor(image, r) : null;
    }

    /// <summary>The 128-d descriptor of the face filling <paramref name="region"/> of <paramref name="image"/>.</summary>
    public float[] ComputeDescriptor(RgbImage image, PixelRegion region) => Forward(Preprocess(image, region));

    public static FeatureMap Preprocess(RgbImage image, PixelRegion region) =>
        SquareResampler.ToNormalizedSquare(image, region, InputSize, centre: true, MeanRgb);

    public float[] Forward(FeatureMap input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Height != InputSize || input.Width != InputSize || input.Channels != 3)
        {
            throw new ArgumentException($"Expected a {InputSize}x{InputSize}x3 input, got {input}.", nameof(input));
        }

        var x = _stem.Forward(input);
        x = Pooling.Max(x, 3, 2, Padding.Valid);
        foreach (var block in _blocks)
        {
            x = block.Forward(x);
        }

        return FullyConnected.Apply(Pooling.GlobalAverage(x), _fullyConnected, null);
    }
}
