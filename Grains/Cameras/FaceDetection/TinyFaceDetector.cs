using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Onnx;

namespace StreamOrleans.Grains.Cameras.FaceDetection;

/// <summary>
/// face-api's Tiny Face Detector: a tiny-YOLOv2 style single-shot detector (Redmon and Farhadi, "YOLO9000", 2017)
/// with MobileNet-style depthwise-separable convolutions, one class ("face") and 5 anchor boxes, on face-api's
/// pretrained weights converted to ONNX (our converter (Onnx/FaceApiOnnxConverter)) and run by ONNX Runtime:
/// <list type="number">
/// <item>pad the image to a square (right/bottom), resize bilinearly to InputSize, subtract the mean RGB, divide by 255;</item>
/// <item>the network gives 5 anchors x (x, y, w, h, objectness) per cell of an (InputSize / 32)^2 grid;</item>
/// <item>decode (face-api's TinyYolov2 post-processing): centre = (cell + sigmoid(t)) / grid, size = exp(t) * anchor /
/// grid, score = sigmoid(objectness); keep scores above the threshold, then non-maximum suppression.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class TinyFaceDetector
{
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

    private readonly OnnxModel _model;

    public TinyFaceDetector(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>Faces in <paramref name="image"/>, best score first, boxes in image pixels.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image, TinyFaceDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new TinyFaceDetectorOptions();
        return Decode(Forward(image, options.InputSize), options.InputSize / 32, image.Width, image.Height, options);
    }

    /// <summary>Raw network output for <paramref name="image"/> at <paramref name="inputSize"/>: [25, size / 32, size / 32], channel-major.</summary>
    public float[] Forward(RgbImage image, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        var input = GC.AllocateUninitializedArray<float>(3 * inputSize * inputSize);
        SquareResampler.WritePlanar(image, PixelRegion.Whole(image), inputSize, centre: false, MeanRgb, input, 0);
        return _model.Run(input, [1, 3, inputSize, inputSize]);
    }

    // grid: [25, cells, cells] (channel-major): value v of anchor a at (row, col) is grid[((a * 5 + v) * cells + row) * cells + col].
    private static List<DetectedFace> Decode(float[] grid, int cells, int imageWidth, int imageHeight, TinyFaceDetectorOptions options)
    {
        // Boxes come out relative to the padded square; the correction factors make them relative to the image.
        var scale = (double)options.InputSize / Math.Max(imageWidth, imageHeight);
        var correctionX = options.InputSize / Math.Round(imageWidth * scale);
        var correctionY = options.InputSize / Math.Round(imageHeight * scale);
        var boxes = new List<FaceBox>();
        var scores = new List<double>();
        for (var row = 0; row < cells; row++)
        {
            for (var col = 0; col < cells; col++)
            {
                for (var anchor = 0; anchor < Anchors.Length; anchor++)
                {
                    float Value(int v) => grid[(((((anchor * ValuesPerAnchor) + v) * cells) + row) * cells) + col];
                    var score = Sigmoid(Value(4));
                    if (score <= options.ScoreThreshold)
                    {
                        continue;
                    }

                    var centreX = (col + Sigmoid(Value(0))) / cells * correctionX;
                    var centreY = (row + Sigmoid(Value(1))) / cells * correctionY;
                    var width = Math.Exp(Value(2)) * Anchors[anchor].Width / cells * correctionX;
                    var height = Math.Exp(Value(3)) * Anchors[anchor].Height / cells * correctionY;
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
