using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.Imaging;

public class JpegCodecTests
{
    private static readonly byte[] PngSignatureAndHeader =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x91, 0x68, 0x36,
    ];

    [Fact]
    public void Decodes_a_demo_photo_to_the_size_in_its_header()
    {
        var codec = new JpegCodec();
        var jpeg = FaceAssets.DemoPhoto("sample2.jpg");

        var image = codec.Decode(jpeg);

        Assert.Equal(codec.ReadSize(jpeg), (image.Width, image.Height));
        Assert.Equal(FaceAssets.Reference("sample2.jpg").Width, image.Width);
        Assert.Equal(FaceAssets.Reference("sample2.jpg").Height, image.Height);
        var rgb = image.ToRgb();
        Assert.Contains(rgb, b => b != rgb[0]);

        // Decoded straight into the Skia bitmap: RGBA with the alpha byte of every pixel 255.
        Assert.Equal(image.Height * image.RowBytes, image.Pixels.Length);
        Assert.Equal(255, image.Pixels[3]);
        Assert.Equal(255, image.Pixels[image.Pixels.Length - 1]);
    }

    [Fact]
    public void Encode_then_decode_keeps_the_picture()
    {
        var original = Gradient(64, 48);

        var jpeg = JpegCodec.Encode(original, quality: 95);
        var decoded = new JpegCodec().Decode(jpeg);

        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(0xD8, jpeg[1]);
        var meanAbsoluteError = original.ToRgb().Zip(decoded.ToRgb(), (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanAbsoluteError < 3, $"mean absolute error {meanAbsoluteError:F2}");
    }

    [Fact]
    public void Empty_input_is_invalid()
    {
        var error = Assert.Throws<InvalidImageException>(() => new JpegCodec().Decode([]));
        Assert.Contains("empty", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Random_bytes_are_invalid()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);

        var error = Assert.Throws<InvalidImageException>(() => new JpegCodec().Decode(bytes));
        Assert.Contains("Not a JPEG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_after_a_jpeg_marker_are_invalid()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;

        Assert.Throws<InvalidImageException>(() => new JpegCodec().Decode(bytes));
    }

    [Fact]
    public void Png_bytes_are_invalid()
    {
        var error = Assert.Throws<InvalidImageException>(() => new JpegCodec().Decode(PngSignatureAndHeader));
        Assert.Contains("Not a JPEG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_jpeg_is_invalid()
    {
        var jpeg = FaceAssets.DemoPhoto("sample2.jpg");
        var reference = FaceAssets.Reference("sample2.jpg");

        var error = Assert.Throws<InvalidImageException>(() => new JpegCodec().Decode(jpeg.AsSpan(0, jpeg.Length * 6 / 10)));
        Assert.Contains($"truncated JPEG ({reference.Width}x{reference.Height})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(4000)]
    public void A_jpeg_cut_before_its_frame_header_is_called_truncated_not_empty(int length)
    {
        var jpeg = FaceAssets.DemoPhoto("sample2.jpg")[..length];

        var error = Assert.Throws<InvalidImageException>(() => new JpegCodec().Decode(jpeg));

        Assert.Equal($"The JPEG ends before its frame header (SOF marker): {length} bytes are not a complete JPEG; send whole frames.", error.Message);
        Assert.DoesNotContain("0x0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_over_the_pixel_limit_is_refused_from_its_header()
    {
        var jpeg = JpegCodec.Encode(Gradient(64, 48));

        var error = Assert.Throws<InvalidImageException>(() => new JpegCodec(maxPixels: 64 * 48 - 1).Decode(jpeg));
        Assert.Contains("3072 pixels", error.Message, StringComparison.Ordinal);
        Assert.Equal(64, new JpegCodec(maxPixels: 64 * 48).Decode(jpeg).Width);
    }

    [Fact]
    public void Header_declaring_a_huge_image_is_refused_before_decoding()
    {
        var jpeg = JpegCodec.Encode(Gradient(16, 16));
        var sof = FindStartOfFrame(jpeg);
        // SOF payload: length (2), precision (1), height (2), width (2): declare 60000 x 60000.
        jpeg[sof + 5] = 0xEA;
        jpeg[sof + 6] = 0x60;
        jpeg[sof + 7] = 0xEA;
        jpeg[sof + 8] = 0x60;

        var error = Assert.Throws<InvalidImageException>(() => new JpegCodec().Decode(jpeg));
        Assert.Contains("60000x60000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_rejects_a_quality_outside_1_to_100()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegCodec.Encode(Gradient(8, 8), quality: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegCodec.Encode(Gradient(8, 8), quality: 101));
    }

    private static int FindStartOfFrame(byte[] jpeg)
    {
        for (var i = 2; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                return i;
            }
        }

        throw new InvalidDataException("No SOF marker.");
    }

    private static RgbImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)(x * 255 / (width - 1));
                pixels[i + 1] = (byte)(y * 255 / (height - 1));
                pixels[i + 2] = 128;
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
