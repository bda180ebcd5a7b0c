using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Grains.Cameras.Inference.Previous;

/// <summary>
/// face-api's Tiny Face Detector: a tiny-YOLOv2 style single-shot detector (Redmon and Farhadi, "YOLO9000", 2017)
/// with MobileNet-style depthwise-separable convolutions, one class ("face") and 5 anchor boxes, on face-api's
/// pretrained weights (tiny_face_detector_model). Our own port of face-api's TinyYolov2Base / KernelTinyFaceDetector:
/// <list type="number">
/// <item>pad the image to a square (right/bottom), resize bilinearly to InputSize, subtract the mean RGB, divide by 255;</item>
/// <item>conv0 3x3 'valid' + leaky ReLU(0.1); then 5 x [max-pool 2/2, separable conv + leaky]; max-pool 2/1 ('same');</item>
/// <item>a 1x1 conv to 5 anchors x (x, y, w, h, objectness) per cell of an (InputSize / 32)^2 grid;</item>
/// <item>decode: centre = (cell + sigmoid(t)) / grid, size = exp(t) * anchor / grid, score = sigmoid(objectness);
/// keep scores above the threshold, then non-maximum suppression.</item>
/// </list>
/// Thread-safe once constructed (the weights are read-only).
/// </summary>
public sealed class KernelTinyFaceDetector
{
    public const string ManifestFileName = "tiny_face_detector_model-weights_manifest.json";

    private const float LeakyAlpha = 0.1f;
    private const int ValuesPerAnchor = 5;

    private static readonly float[] MeanRgb = [117.001f, 114.697f, 97.404f];

    private static readonly (double Width, double Height)[] Anchors =
    [
        (1.603231, 2.094468),
        (6.041143, 7.080126),
        (2.882459, 3.518061),
        (4.266906, 5.178857),
        (9.041765, 10.66308),
    ];

    private readonly ConvLayer _conv0;
    private readonly SeparableConvLayer[] _separable;
    private readonly ConvLayer _head;

    public KernelTinyFaceDetector(WeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _conv0 = ConvLayer.Load(weights, "conv0", 3, 3, 16, 1, Padding.Valid).WithActivation(LeakyAlpha);
        int[] channels = [16, 32, 64, 128, 256, 512];
        _separable = Enumerable.Range(1, 5)
            .Select(i => SeparableConvLayer.Load(weights, $"conv{i}", channels[i - 1], channels[i]))
            .ToArray();
        _head = ConvLayer.Load(weights, "conv8", 1, 512, Anchors.Length * ValuesPerAnchor, 1, Padding.Valid);
    }

    /// <summary>Loads the weights from face-api's model folder (…/@vladmandic/face-api/model).</summary>
    public static KernelTinyFaceDetector Load(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        return new KernelTinyFaceDetector(TfjsWeightsLoader.Load(Path.Combine(modelDirectory, ManifestFileName)));
    }

    /// <summary>Faces in <paramref name="image"/>, best score first, boxes in image pixels.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image, TinyFaceDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new TinyFaceDetectorOptions();
        var input = Preprocess(image, options.InputSize);
        var grid = Forward(input);
        return Decode(grid, image.Width, image.Height, options);
    }

    /// <summary>The network input: padded to a square, resized, mean-subtracted and scaled.</summary>
    public static FeatureMap Preprocess(RgbImage image, int inputSize) =>
        SquareResampler.ToNormalizedSquare(image, PixelRegion.Whole(image), inputSize, centre: false, MeanRgb);

    /// <summary>Raw network output: grid x grid x (5 anchors x 5 values).</summary>
    public FeatureMap Forward(FeatureMap input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = _conv0.Forward(input);
        foreach (var layer in _separable)
        {
            x = Pooling.Max(x, 2, 2, Padding.Same);
            x = layer.Forward(x, LeakyAlpha);
        }

        x = Pooling.Max(x, 2, 1, Padding.Same);
        return _head.Forward(x);
    }

    private static List<DetectedFace> Decode(FeatureMap grid, int imageWidth, int imageHeight, TinyFaceDetectorOptions options)
    {
        // Boxes come out relative to the padded square; the correction factors make them relative to the image.
        var scale = (double)options.InputSize / Math.Max(imageWidth, imageHeight);
        var correctionX = options.InputSize / Math.Round(imageWidth * scale);
        var correctionY = options.InputSize / Math.Round(imageHeight * scale);
        var cells = grid.Height;
        var boxes = new List<FaceBox>();
        var scores = new List<double>();
        for (var row = 0; row < cells; row++)
        {
            for (var col = 0; col < cells; col++)
            {
                for (var anchor = 0; anchor < Anchors.Length; anchor++)
                {
                    var b = anchor * ValuesPerAnchor;
                    var score = Sigmoid(grid[row, col, b + 4]);
                    if (score <= options.ScoreThreshold)
                    {
                        continue;
                    }

                    var centreX = (col + Sigmoid(grid[row, col, b])) / cells * correctionX;
                    var centreY = (row + Sigmoid(grid[row, col, b + 1])) / cells * correctionY;
                    var width = Math.Exp(grid[row, col, b + 2]) * Anchors[anchor].Width / cells * correctionX;
                    var height = Math.Exp(grid[row, col, b + 3]) * Anchors[anchor].Height / cells * correctionY;
                    boxes.Add(new FaceBox(centreX - (width / 2), centreY - (height / 2), width, height));
                    scores.Add(score);
                }
            }
        }

        return NonMaxSuppression.Select(boxes, scores, options.IouThreshold)
            .Select(i => new DetectedFace(
                new FaceBox(boxes[i].X * imageWidth, boxes[i].Y * imageHeight, boxes[i].Width * imageWidth, boxes[i].Height * imageHeight),
                scores[i]))
            .ToList();
    }

    private static double Sigmoid(float x) => 1 / (1 + Math.Exp(-x));
}
