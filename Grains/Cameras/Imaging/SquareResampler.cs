using StreamOrleans.Grains.Cameras.Inference;

namespace StreamOrleans.Grains.Cameras.Imaging;

/// <summary>
/// Turns a region of an <see cref="RgbImage"/> into a square network input the way face-api does for tensor inputs:
/// the region is zero-padded to a square (padToSquare), resized with bilinear interpolation
/// (tf.image.resizeBilinear, alignCorners = false, halfPixelCenters = false: source = destination * in / out), and
/// normalised per channel as (value - mean) / 255. Padding and resizing are fused: pixels of the virtual padded square
/// outside the region read as 0.
/// </summary>
public static class SquareResampler
{
    /// <param name="image">The source image.</param>
    /// <param name="region">The region to use, inside the image.</param>
    /// <param name="size">Side of the output square.</param>
    /// <param name="centre">False: pad only after (right/bottom), as the detector does; true: split the padding,
    /// the larger half (rounded) after and the rest before, as the recognition net does.</param>
    /// <param name="meanRgb">Per-channel mean subtracted before dividing by 255.</param>
    public static FeatureMap ToNormalizedSquare(RgbImage image, PixelRegion region, int size, bool centre, ReadOnlySpan<float> meanRgb)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (meanRgb.Length != 3)
        {
            throw new ArgumentException($"Expected 3 channel means, got {meanRgb.Length}.", nameof(meanRgb));
        }

        if (region.X < 0 || region.Y < 0 || region.Width <= 0 || region.Height <= 0
            || region.X + region.Width > image.Width || region.Y + region.Height > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(region), $"Region {region} is empty or outside the {image.Width}x{image.Height} image.");
        }

        var side = Math.Max(region.Width, region.Height);
        var difference = side - Math.Min(region.Width, region.Height);
        var before = centre ? difference - (int)Math.Round(difference * 0.5, MidpointRounding.AwayFromZero) : 0;
        var offsetX = region.Width < region.Height ? before : 0;
        var offsetY = region.Height < region.Width ? before : 0;
        var scale = (float)side / size;
        var output = new FeatureMap(size, size, 3);
        var data = output.Data;
        var pixels = image.Pixels;
        var (meanR, meanG, meanB) = (meanRgb[0], meanRgb[1], meanRgb[2]);

        // Source columns for every output column (padded-square coordinates, clamped like TF).
        var x0 = new int[size];
        var x1 = new int[size];
        var xFraction = new float[size];
        for (var x = 0; x < size; x++)
        {
            var source = x * scale;
            x0[x] = (int)MathF.Floor(source);
            x1[x] = Math.Min((int)MathF.Ceiling(source), side - 1);
            xFraction[x] = source - x0[x];
        }

        Span<float> topLeft = stackalloc float[3];
        Span<float> topRight = stackalloc float[3];
        Span<float> bottomLeft = stackalloc float[3];
        Span<float> bottomRight = stackalloc float[3];
        for (var y = 0; y < size; y++)
        {
            var sourceY = y * scale;
            var y0 = (int)MathF.Floor(sourceY);
            var y1 = Math.Min((int)MathF.Ceiling(sourceY), side - 1);
            var yFraction = sourceY - y0;
            for (var x = 0; x < size; x++)
            {
                Read(y0, x0[x], topLeft);
                Read(y0, x1[x], topRight);
                Read(y1, x0[x], bottomLeft);
                Read(y1, x1[x], bottomRight);
                var o = ((y * size) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var top = topLeft[c] + ((topRight[c] - topLeft[c]) * xFraction[x]);
                    var bottom = bottomLeft[c] + ((bottomRight[c] - bottomLeft[c]) * xFraction[x]);
                    data[o + c] = top + ((bottom - top) * yFraction);
                }

                data[o] = (data[o] - meanR) / 255f;
                data[o + 1] = (data[o + 1] - meanG) / 255f;
                data[o + 2] = (data[o + 2] - meanB) / 255f;
            }
        }

        return output;

        void Read(int squareY, int squareX, Span<float> rgb)
        {
            var regionY = squareY - offsetY;
            var regionX = squareX - offsetX;
            if (regionX < 0 || regionY < 0 || regionX >= region.Width || regionY >= region.Height)
            {
                rgb.Clear();
                return;
            }

            var i = ((((region.Y + regionY) * image.Width) + region.X + regionX) * 3);
            rgb[0] = pixels[i];
            rgb[1] = pixels[i + 1];
            rgb[2] = pixels[i + 2];
        }
    }
}
