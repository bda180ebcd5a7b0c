using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Grains.Cameras.FaceDetection;

/// <summary>An axis-aligned box in image pixels (may extend past the image borders, as the detector reports it).</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double Area => Width * Height;

    /// <summary>
    /// The pixels face-api crops for this box (Box.clipAtImageBorders): clipped to the image, then x, y, width and
    /// height each floored. Null when nothing of the box is inside the image.
    /// </summary>
    public PixelRegion? CropRegion(int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        var x = Math.Max(X, 0);
        var y = Math.Max(Y, 0);
        var width = Math.Floor(Math.Min(Right - x, imageWidth - x));
        var height = Math.Floor(Math.Min(Bottom - y, imageHeight - y));
        var left = (int)Math.Floor(x);
        var top = (int)Math.Floor(y);
        if (width <= 0 || height <= 0 || left >= imageWidth || top >= imageHeight)
        {
            return null;
        }

        return new PixelRegion(left, top, (int)Math.Min(width, imageWidth - left), (int)Math.Min(height, imageHeight - top));
    }

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public double IntersectionOverUnion(FaceBox other)
    {
        var width = Math.Max(0, Math.Min(Right, other.Right) - Math.Max(X, other.X));
        var height = Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y));
        var intersection = width * height;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
