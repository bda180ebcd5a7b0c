using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Grains.Cameras.Drawing;

/// <summary>Axis-aligned rectangles on an <see cref="RgbImage"/>, clipped to the image (parts outside are skipped).</summary>
public static class Rasterizer
{
    /// <summary>Fills the pixels x..x+width-1, y..y+height-1.</summary>
    public static void FillRectangle(RgbImage image, int x, int y, int width, int height, RgbColor color)
    {
        ArgumentNullException.ThrowIfNull(image);
        var left = Math.Max(x, 0);
        var top = Math.Max(y, 0);
        var right = Math.Min((long)x + width, image.Width);
        var bottom = Math.Min((long)y + height, image.Height);
        if (left >= right || top >= bottom)
        {
            return;
        }

        var pixels = image.Pixels;
        for (var row = top; row < bottom; row++)
        {
            var offset = ((row * image.Width) + left) * 3;
            for (var column = left; column < right; column++, offset += 3)
            {
                pixels[offset] = color.R;
                pixels[offset + 1] = color.G;
                pixels[offset + 2] = color.B;
            }
        }
    }

    /// <summary>Draws the outline of the rectangle x..x+width-1, y..y+height-1, <paramref name="thickness"/> pixels wide, inside its bounds.</summary>
    public static void DrawRectangle(RgbImage image, int x, int y, int width, int height, int thickness, RgbColor color)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(thickness, 1);
        if (width <= 0 || height <= 0)
        {
            return;
        }

        var t = Math.Min(thickness, Math.Min((width + 1) / 2, (height + 1) / 2));
        FillRectangle(image, x, y, width, t, color);
        FillRectangle(image, x, y + height - t, width, t, color);
        FillRectangle(image, x, y + t, t, height - (2 * t), color);
        FillRectangle(image, x + width - t, y + t, t, height - (2 * t), color);
    }
}
