using StreamOrleans.Grains.Cameras.Landmarks;
using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Grains.Cameras.Inference.Previous;

/// <summary>
/// face-api's tiny 68-point landmark net (KernelFaceLandmark68TinyNet over TinyFaceFeatureExtractor), on face-api's
/// pretrained weights (face_landmark_68_tiny_model). Our own port: the detection crop is padded to a centred square,
/// resized to 112x112, mean RGB subtracted and divided by 255; three dense blocks (32, 64, 128 channels, each halving
/// the size), a 14x14 average pool and a 128x136 fully connected layer give 68 (x, y) pairs relative to the padded
/// square, which are mapped back to the crop and then to image pixels. Thread-safe once constructed.
/// </summary>
public sealed class KernelFaceLandmark68TinyNet
{
    public const string ManifestFileName = "face_landmark_68_tiny_model-weights_manifest.json";

    public const int InputSize = 112;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly DenseBlock[] _blocks;
    private readonly float[] _fcWeights;
    private readonly float[] _fcBias;

    public KernelFaceLandmark68TinyNet(WeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _blocks =
        [
            DenseBlock.Load(weights, "dense0", 3, 32, isFirst: true),
            DenseBlock.Load(weights, "dense1", 32, 64, isFirst: false),
            DenseBlock.Load(weights, "dense2", 64, 128, isFirst: false),
        ];
        _fcWeights = weights.Get("fc/weights", 128, FaceLandmarks68.Count * 2);
        _fcBias = weights.Get("fc/bias", FaceLandmarks68.Count * 2);
    }

    /// <summary>Loads the weights from face-api's model folder (…/@vladmandic/face-api/model).</summary>
    public static KernelFaceLandmark68TinyNet Load(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        return new KernelFaceLandmark68TinyNet(TfjsWeightsLoader.Load(Path.Combine(modelDirectory, ManifestFileName)));
    }

    /// <summary>Landmarks of the face detected in <paramref name="box"/>, or null when the box misses the image.</summary>
    public FaceLandmarks68? Detect(RgbImage image, FaceBox box)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (box.CropRegion(image.Width, image.Height) is not { } crop)
        {
            return null;
        }

        var output = Forward(SquareResampler.ToNormalizedSquare(image, crop, InputSize, centre: true, MeanRgb));

        // The net answers relative to the padded square; face-api removes an exact half of the padding on each side,
        // rescales to the crop and shifts by the (unclipped) detection box.
        var scale = (double)InputSize / Math.Max(crop.Width, crop.Height);
        var (scaledWidth, scaledHeight) = (crop.Width * scale, crop.Height * scale);
        var padX = scaledWidth < scaledHeight ? Math.Abs(scaledWidth - scaledHeight) / 2 : 0;
        var padY = scaledHeight < scaledWidth ? Math.Abs(scaledWidth - scaledHeight) / 2 : 0;
        var points = new LandmarkPoint[FaceLandmarks68.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var relativeX = ((output[2 * i] * InputSize) - padX) / scaledWidth;
            var relativeY = ((output[(2 * i) + 1] * InputSize) - padY) / scaledHeight;
            points[i] = new LandmarkPoint((relativeX * crop.Width) + box.X, (relativeY * crop.Height) + box.Y);
        }

        return new FaceLandmarks68(points, crop.Width, crop.Height);
    }

    /// <summary>Raw output: 136 values, (x, y) pairs relative to the 112x112 input.</summary>
    public float[] Forward(FeatureMap input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        foreach (var block in _blocks)
        {
            x = block.Forward(x);
        }

        var pooled = Pooling.Average(x, 14, 2, Padding.Valid);
        return FullyConnected.Apply(pooled.Data, _fcWeights, _fcBias);
    }
}
