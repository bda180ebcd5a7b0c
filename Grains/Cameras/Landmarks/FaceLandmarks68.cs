using StreamOrleans.Grains.Cameras.FaceDetection;

namespace StreamOrleans.Grains.Cameras.Landmarks;

/// <summary>
/// The 68 facial landmarks of the iBUG 300-W / dlib convention, in image pixels: jaw 0-16, brows 17-26, nose 27-35,
/// left eye 36-41, right eye 42-47, mouth 48-67.
/// </summary>
public sealed class FaceLandmarks68
{
    public const int Count = 68;

    // face-api's dlib-style alignment constants: the box side is the eye-to-mouth distance / 0.45, and the reference
    // point (centroid of the eye and mouth centres) sits at 50% across and 43% down the box.
    private const double RelativeX = 0.5;
    private const double RelativeY = 0.43;
    private const double RelativeScale = 0.45;

    public FaceLandmarks68(IReadOnlyList<LandmarkPoint> points, int cropWidth, int cropHeight)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count != Count)
        {
            throw new ArgumentException($"Expected {Count} landmarks, got {points.Count}.", nameof(points));
        }

        Points = points;
        CropWidth = cropWidth;
        CropHeight = cropHeight;
    }

    public IReadOnlyList<LandmarkPoint> Points { get; }

    /// <summary>Size of the detection crop the landmarks were computed on (face-api bounds the aligned box by it).</summary>
    public int CropWidth { get; }

    public int CropHeight { get; }

    public LandmarkPoint LeftEyeCentre => Centre(36, 42);

    public LandmarkPoint RightEyeCentre => Centre(42, 48);

    public LandmarkPoint MouthCentre => Centre(48, 68);

    /// <summary>
    /// face-api's dlib-style aligned face box (FaceLandmarks.align with useDlibAlignment): a square sized from the
    /// mean eye-to-mouth distance, placed around the centroid of the eye and mouth centres. Axis-aligned (no
    /// rotation), in image pixels, not yet clipped to the image.
    /// </summary>
    public FaceBox AlignedBox()
    {
        var (left, right, mouth) = (LeftEyeCentre, RightEyeCentre, MouthCentre);
        var eyeToMouth = (Distance(mouth, left) + Distance(mouth, right)) / 2;
        var size = Math.Floor(eyeToMouth / RelativeScale);
        var referenceX = (left.X + right.X + mouth.X) / 3;
        var referenceY = (left.Y + right.Y + mouth.Y) / 3;
        var x = Math.Floor(Math.Max(0, referenceX - (RelativeX * size)));
        var y = Math.Floor(Math.Max(0, referenceY - (RelativeY * size)));
        return new FaceBox(x, y, Math.Min(size, CropWidth + x), Math.Min(size, CropHeight + y));
    }

    private LandmarkPoint Centre(int start, int end)
    {
        double x = 0, y = 0;
        for (var i = start; i < end; i++)
        {
            x += Points[i].X;
            y += Points[i].Y;
        }

        return new LandmarkPoint(x / (end - start), y / (end - start));
    }

    private static double Distance(LandmarkPoint a, LandmarkPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
