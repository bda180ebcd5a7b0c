namespace StreamOrleans.Grains.Cameras.Imaging;

/// <summary>
/// JPEG decode into an <see cref="RgbImage"/>'s Skia bitmap and encode from it, through libturbojpeg (see <see cref="TurboJpegNative"/>).
/// Thread-safe: every call uses its own TurboJPEG handle. Bad input raises <see cref="InvalidImageException"/>.
/// </summary>
public sealed class JpegCodec
{
    /// <summary>Default pixel limit: 40 megapixels (a 8K frame is 33 MP).</summary>
    public const long DefaultMaxPixels = 40_000_000;

    private const int DecodeFlags = TurboJpegNative.FlagStopOnWarning | TurboJpegNative.FlagLimitScans;

    /// <param name="maxPixels">Images whose header declares more pixels than this are refused before decoding.</param>
    public JpegCodec(long maxPixels = DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        MaxPixels = maxPixels;
    }

    public long MaxPixels { get; }

    /// <summary>Reads only the header: the declared width and height.</summary>
    public (int Width, int Height) ReadSize(ReadOnlySpan<byte> jpeg)
    {
        var handle = Open(TurboJpegNative.InitDecompress);
        try
        {
            return ReadHeader(handle, jpeg);
        }
        finally
        {
            _ = TurboJpegNative.Destroy(handle);
        }
    }

    /// <summary>Decodes a baseline or progressive JPEG straight into the pixels of a Skia bitmap (opaque RGBA).</summary>
    /// <exception cref="InvalidImageException">Empty, not a JPEG, corrupt, truncated, or over <see cref="MaxPixels"/>.</exception>
    public unsafe RgbImage Decode(ReadOnlySpan<byte> jpeg)
    {
        var handle = Open(TurboJpegNative.InitDecompress);
        try
        {
            var (width, height) = ReadHeader(handle, jpeg);
            var image = new RgbImage(RgbImage.Allocate(width, height));
            fixed (byte* source = jpeg)
            {
                var rc = TurboJpegNative.Decompress2(
                    handle, source, (nuint)jpeg.Length, (byte*)image.Bitmap.GetPixels(), width, image.RowBytes, height, TurboJpegNative.PixelFormatRgba, DecodeFlags);
                if (rc != 0)
                {
                    image.Dispose();
                    throw new InvalidImageException($"Corrupt or truncated JPEG ({width}x{height}): {TurboJpegNative.LastError(handle)}.");
                }
            }

            return image;
        }
        finally
        {
            _ = TurboJpegNative.Destroy(handle);
        }
    }

    /// <summary>Encodes with 4:2:0 chroma subsampling at <paramref name="quality"/> (1..100).</summary>
    public static unsafe byte[] Encode(RgbImage image, int quality = 85)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var handle = Open(TurboJpegNative.InitCompress);
        var buffer = IntPtr.Zero;
        try
        {
            nuint size = 0;
            {
                var source = (byte*)image.Bitmap.GetPixels();
                var rc = TurboJpegNative.Compress2(
                    handle, source, image.Width, image.RowBytes, image.Height, TurboJpegNative.PixelFormatRgba,
                    ref buffer, ref size, TurboJpegNative.Subsampling420, quality, TurboJpegNative.NoFlags);
                GC.KeepAlive(image);
                if (rc != 0)
                {
                    throw new InvalidOperationException($"libturbojpeg could not encode a {image.Width}x{image.Height} image: {TurboJpegNative.LastError(handle)}.");
                }
            }

            return new ReadOnlySpan<byte>((void*)buffer, checked((int)size)).ToArray();
        }
        finally
        {
            if (buffer != IntPtr.Zero)
            {
                TurboJpegNative.Free(buffer);
            }

            _ = TurboJpegNative.Destroy(handle);
        }
    }

    private static IntPtr Open(Func<IntPtr> create)
    {
        IntPtr handle;
        try
        {
            handle = create();
        }
        catch (DllNotFoundException ex)
        {
            throw new InvalidOperationException(
                $"{TurboJpegNative.Library} is not installed: install the Debian package libturbojpeg0 (scripts/setup.sh does).", ex);
        }

        return handle != IntPtr.Zero ? handle : throw new InvalidOperationException($"libturbojpeg ({TurboJpegNative.Library}) could not create a handle.");
    }

    private unsafe (int Width, int Height) ReadHeader(IntPtr handle, ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.IsEmpty)
        {
            throw new InvalidImageException("The image is empty (0 bytes).");
        }

        if (jpeg.Length < 3 || jpeg[0] != 0xFF || jpeg[1] != 0xD8 || jpeg[2] != 0xFF)
        {
            throw new InvalidImageException($"Not a JPEG: the data ({jpeg.Length} bytes) does not start with the JPEG SOI marker FF D8 FF.");
        }

        int width, height;
        fixed (byte* source = jpeg)
        {
            if (TurboJpegNative.DecompressHeader3(handle, source, (nuint)jpeg.Length, out width, out height, out _, out _) != 0)
            {
                throw new InvalidImageException($"Corrupt JPEG header: {TurboJpegNative.LastError(handle)}.");
            }
        }

        // libturbojpeg reads the markers up to the frame header (SOF); data that stops before it leaves the size unset.
        if (width <= 0 || height <= 0)
        {
            throw new InvalidImageException(
                $"The JPEG ends before its frame header (SOF marker): {jpeg.Length} bytes are not a complete JPEG; send whole frames.");
        }

        if ((long)width * height > MaxPixels)
        {
            throw new InvalidImageException(
                $"The image is {width}x{height} = {(long)width * height} pixels, over the limit of {MaxPixels} pixels.");
        }

        return (width, height);
    }
}
