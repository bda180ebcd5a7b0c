using System.Runtime.CompilerServices;

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
    /// <summary>
    /// Writes the square in planar layout (CHW: the R plane, then G, then B, each row-major), as the ONNX models take
    /// it, into <paramref name="destination"/> from <paramref name="offset"/> (3 x size x size values).
    /// </summary>
    /// <param name="image">The source image.</param>
    /// <param name="region">The region to use, inside the image.</param>
    /// <param name="size">Side of the output square.</param>
    /// <param name="centre">False: pad only after (right/bottom), as the detector does; true: split the padding,
    /// the larger half (rounded) after and the rest before, as the recognition net does.</param>
    /// <param name="meanRgb">Per-channel mean subtracted before dividing by 255.</param>
    /// <param name="destination">The batch buffer to write into.</param>
    /// <param name="offset">Where this square starts in <paramref name="destination"/>.</param>
    public static void WritePlanar(RgbImage image, PixelRegion region, int size, bool centre, ReadOnlySpan<float> meanRgb, float[] destination, int offset)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (destination.Length - offset < 3L * size * size)
        {
            throw new ArgumentException($"Destination has {destination.Length - offset} values from offset {offset}; a {size}x{size} RGB square needs {3L * size * size}.", nameof(destination));
        }

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

        // Per output column and row: the two source pixels (as offsets into the image, or -1 for padding) and the
        // interpolation weight, in padded-square coordinates clamped like TF.
        var (left, right, xFraction) = Axis(size, scale, side, offsetX, region.X, region.Width, RgbImage.BytesPerPixel);
        var (top, bottom, yFraction) = Axis(size, scale, side, offsetY, region.Y, region.Height, image.RowBytes);
        var job = new ResampleJob(image, destination, offset, size, left, right, xFraction, top, bottom, yFraction, meanRgb[0], meanRgb[1], meanRgb[2]);
        if (Environment.ProcessorCount == 1)
        {
            for (var y = 0; y < size; y++)
            {
                ResampleRow(job, y);
            }
        }
        else
        {
            Parallel.For(0, size, y => ResampleRow(job, y));
        }

        GC.KeepAlive(image);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ResampleRow(ResampleJob job, int y)
    {
        var rowTop = job.Top[y];
        var rowBottom = job.Bottom[y];
        var fy = job.YFraction[y];
        var pixels = (byte*)job.Image.Bitmap.GetPixels();
        fixed (float* data = job.Output)
        fixed (int* left = job.Left)
        fixed (int* right = job.Right)
        fixed (float* xFraction = job.XFraction)
        {
            // Planar: channels a plane apart.
            var plane = (long)job.Size * job.Size;
            var o = data + job.Offset + ((long)y * job.Size);
            for (var x = 0; x < job.Size; x++, o++)
            {
                var fx = xFraction[x];
                var topLeft = Pointer(pixels, rowTop, left[x]);
                var topRight = Pointer(pixels, rowTop, right[x]);
                var bottomLeft = Pointer(pixels, rowBottom, left[x]);
                var bottomRight = Pointer(pixels, rowBottom, right[x]);
                o[0] = (Lerp(topLeft, topRight, bottomLeft, bottomRight, 0, fx, fy) - job.MeanR) / 255f;
                o[plane] = (Lerp(topLeft, topRight, bottomLeft, bottomRight, 1, fx, fy) - job.MeanG) / 255f;
                o[2 * plane] = (Lerp(topLeft, topRight, bottomLeft, bottomRight, 2, fx, fy) - job.MeanB) / 255f;
            }
        }
    }

    /// <summary>The sample's first byte, or null for the zero padding.</summary>
    private static unsafe byte* Pointer(byte* pixels, int rowOffset, int columnOffset) =>
        rowOffset < 0 || columnOffset < 0 ? null : pixels + rowOffset + columnOffset;

    /// <summary>TF's order of operations: interpolate along x on both rows, then along y.</summary>
    private static unsafe float Lerp(byte* topLeft, byte* topRight, byte* bottomLeft, byte* bottomRight, int channel, float fx, float fy)
    {
        float a = topLeft is null ? 0 : topLeft[channel];
        float b = topRight is null ? 0 : topRight[channel];
        float c = bottomLeft is null ? 0 : bottomLeft[channel];
        float d = bottomRight is null ? 0 : bottomRight[channel];
        var upper = a + ((b - a) * fx);
        var lower = c + ((d - c) * fx);
        return upper + ((lower - upper) * fy);
    }

    private sealed record ResampleJob(
        RgbImage Image, float[] Output, int Offset, int Size, int[] Left, int[] Right, float[] XFraction, int[] Top, int[] Bottom, float[] YFraction,
        float MeanR, float MeanG, float MeanB);

    /// <summary>
    /// For each output index: byte offsets (times <paramref name="stride"/>) of the lower and upper source sample, -1
    /// where the sample falls in the padding, and the fraction between them.
    /// </summary>
    private static (int[] Lower, int[] Upper, float[] Fraction) Axis(int size, float scale, int side, int offset, int regionStart, int regionLength, int stride)
    {
        var lower = new int[size];
        var upper = new int[size];
        var fraction = new float[size];
        for (var i = 0; i < size; i++)
        {
            var source = i * scale;
            var low = (int)MathF.Floor(source);
            var high = Math.Min((int)MathF.Ceiling(source), side - 1);
            fraction[i] = source - low;
            lower[i] = ToOffset(low);
            upper[i] = ToOffset(high);
        }

        return (lower, upper, fraction);

        int ToOffset(int squareIndex)
        {
            var inRegion = squareIndex - offset;
            return inRegion < 0 || inRegion >= regionLength ? -1 : (regionStart + inRegion) * stride;
        }
    }
}
