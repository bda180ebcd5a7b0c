using SkiaSharp;

namespace StreamOrleans.Grains.Cameras.Imaging;

/// <summary>
/// An 8-bit colour frame held in a Skia bitmap (opaque RGBA, <see cref="SKColorType.Rgba8888"/>), so libturbojpeg
/// decodes straight into the pixels Skia draws on and encodes straight from them, and the models read them without a
/// copy. Rows are <see cref="RowBytes"/> apart, pixels <see cref="BytesPerPixel"/> bytes: R, G, B, then 255.
/// Owns the bitmap: dispose it (or let the finalizer free the native memory).
/// </summary>
public sealed class RgbImage : IDisposable
{
    public const int BytesPerPixel = 4;

    /// <summary>Wraps <paramref name="bitmap"/> (not copied; this image now owns it); it must be opaque RGBA 8888.</summary>
    public RgbImage(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.ColorType != SKColorType.Rgba8888 || bitmap.Width <= 0 || bitmap.Height <= 0)
        {
            throw new ArgumentException($"Expected a non-empty Rgba8888 bitmap, got {bitmap.Width}x{bitmap.Height} {bitmap.ColorType}.", nameof(bitmap));
        }

        Bitmap = bitmap;
    }

    /// <summary>A copy of packed RGB bytes (<c>(y * width + x) * 3 + channel</c>; length width * height * 3).</summary>
    public RgbImage(int width, int height, byte[] rgb)
        : this(Allocate(width, height))
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.LongLength != (long)width * height * 3)
        {
            Bitmap.Dispose();
            throw new ArgumentException(
                $"Expected {(long)width * height * 3} bytes for a {width}x{height} RGB image, got {rgb.LongLength}.", nameof(rgb));
        }

        var pixels = Pixels;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var source = ((y * width) + x) * 3;
                var target = (y * RowBytes) + (x * BytesPerPixel);
                pixels[target] = rgb[source];
                pixels[target + 1] = rgb[source + 1];
                pixels[target + 2] = rgb[source + 2];
                pixels[target + 3] = 255;
            }
        }
    }

    /// <summary>The Skia bitmap holding the pixels (draw on it with an SKCanvas).</summary>
    public SKBitmap Bitmap { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>Bytes from one row to the next.</summary>
    public int RowBytes => Bitmap.RowBytes;

    /// <summary>The pixel memory (RGBA rows, <see cref="RowBytes"/> apart).</summary>
    public Span<byte> Pixels => Bitmap.GetPixelSpan();

    /// <summary>An opaque RGBA bitmap of the size with uninitialised pixels (every pixel is about to be written).</summary>
    public static SKBitmap Allocate(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
    }

    /// <summary>The (R, G, B) of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(x);
            ArgumentOutOfRangeException.ThrowIfNegative(y);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
            var pixel = Pixels.Slice((y * RowBytes) + (x * BytesPerPixel), 3);
            return (pixel[0], pixel[1], pixel[2]);
        }
    }

    /// <summary>Copies the rectangle [x, x + width) x [y, y + height), which must lie inside the image.</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
        {
            throw new ArgumentOutOfRangeException(
                nameof(x), $"Crop ({x}, {y}, {width}x{height}) is empty or outside the {Width}x{Height} image.");
        }

        var result = new RgbImage(Allocate(width, height));
        var source = Pixels;
        var target = result.Pixels;
        for (var row = 0; row < height; row++)
        {
            source.Slice(((y + row) * RowBytes) + (x * BytesPerPixel), width * BytesPerPixel).CopyTo(target[(row * result.RowBytes)..]);
        }

        return result;
    }

    /// <summary>Packed RGB bytes (tests and tools).</summary>
    public byte[] ToRgb()
    {
        var rgb = new byte[Width * Height * 3];
        var pixels = Pixels;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                pixels.Slice((y * RowBytes) + (x * BytesPerPixel), 3).CopyTo(rgb.AsSpan(((y * Width) + x) * 3));
            }
        }

        return rgb;
    }

    public void Dispose() => Bitmap.Dispose();
}
