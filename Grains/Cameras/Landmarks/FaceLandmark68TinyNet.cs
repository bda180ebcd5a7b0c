using StreamOrleans.Grains.Cameras.FaceDetection;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Cameras.Onnx;

namespace StreamOrleans.Grains.Cameras.Landmarks;

/// <summary>
/// face-api's tiny 68-point landmark net (FaceLandmark68TinyNet over TinyFaceFeatureExtractor) on face-api's
/// pretrained weights converted to ONNX (our converter (Onnx/FaceApiOnnxConverter)): each detection crop is
/// padded to a centred square, resized to 112x112, mean RGB subtracted and divided by 255; the net gives 68 (x, y)
/// pairs relative to the padded square, which are mapped back to the crop and then to image pixels (face-api's
/// post-processing). All faces of a frame run as one batch. Thread-safe.
/// </summary>
public sealed class FaceLandmark68TinyNet
{
    public const int InputSize = 112;

    private const int Outputs = FaceLandmarks68.Count * 2;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly OnnxModel _model;

    public FaceLandmark68TinyNet(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>Landmarks of the face detected in <paramref name="box"/>, or null when the box misses the image.</summary>
    public FaceLandmarks68? Detect(RgbImage image, FaceBox box) => Detect(image, [box])[0];

    /// <summary>Landmarks per box (null where a box misses the image), computed in one batch.</summary>
    public IReadOnlyList<FaceLandmarks68?> Detect(RgbImage image, IReadOnlyList<FaceBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(boxes);
        var crops = boxes.Select(b => b.CropRegion(image.Width, image.Height)).ToArray();
        var inside = crops.Count(c => c is not null);
        var results = new FaceLandmarks68?[boxes.Count];
        if (inside == 0)
        {
            return results;
        }

        const int PerFace = 3 * InputSize * InputSize;
        var input = GC.AllocateUninitializedArray<float>(inside * PerFace);
        var n = 0;
        foreach (var crop in crops)
        {
            if (crop is { } c)
            {
                SquareResampler.WritePlanar(image, c, InputSize, centre: true, MeanRgb, input, n++ * PerFace);
            }
        }

        var output = _model.Run(input, [inside, 3, InputSize, InputSize]);
        n = 0;
        for (var i = 0; i < boxes.Count; i++)
        {
            if (crops[i] is { } crop)
            {
                results[i] = ToImage(output.AsSpan(n++ * Outputs, Outputs), crop, boxes[i]);
            }
        }

        return results;
    }

    // The net answers relative to the padded square; face-api removes an exact half of the padding on each side,
    // rescales to the crop and shifts by the (unclipped) detection box.
    private static FaceLandmarks68 ToImage(ReadOnlySpan<float> output, PixelRegion crop, FaceBox box)
    {
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
}
