namespace StreamOrleans.Grains.Cameras.Imaging;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved R, G, B (no row padding).</summary>
public sealed class RgbImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied); its length must be width * height * 3.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException(
                $"Expected {(long)width * height * 3} bytes for a {width}x{height} RGB image, got {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Interleaved RGB bytes, <c>(y * Width + x) * 3 + channel</c>.</summary>
    public byte[] Pixels { get; }

    /// <summary>Copies the rectangle [x, x + width) x [y, y + height), which must lie inside the image.</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
        {
            throw new ArgumentOutOfRangeException(
                nameof(x), $"Crop ({x}, {y}, {width}x{height}) is empty or outside the {Width}x{Height} image.");
        }

        var result = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            Array.Copy(Pixels, (((y + row) * Width) + x) * 3, result, row * width * 3, width * 3);
        }

        return new RgbImage(width, height, result);
    }
}
