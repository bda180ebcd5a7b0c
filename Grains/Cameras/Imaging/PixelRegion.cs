namespace StreamOrleans.Grains.Cameras.Imaging;

/// <summary>An integer rectangle of pixels: columns [X, X + Width), rows [Y, Y + Height).</summary>
public readonly record struct PixelRegion(int X, int Y, int Width, int Height)
{
    public static PixelRegion Whole(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new PixelRegion(0, 0, image.Width, image.Height);
    }
}
