using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.Imaging;

public class SquareResamplerTests
{
    private static readonly float[] NoMean = [0, 0, 0];

    /// <summary>The planar square of <paramref name="size"/> (R plane, G plane, B plane).</summary>
    private static float[] Square(RgbImage image, int size, bool centre, float[] mean)
    {
        var output = new float[3 * size * size];
        SquareResampler.WritePlanar(image, PixelRegion.Whole(image), size, centre, mean, output, 0);
        return output;
    }

    [Fact]
    public void Detector_style_padding_goes_after_the_image()
    {
        // 2x1 image (black, white) padded to 2x2 with a zero row below; size 2 means no resampling.
        using var image = new RgbImage(2, 1, [0, 0, 0, 255, 255, 255]);

        var square = Square(image, 2, centre: false, NoMean);

        // Each plane: row 0 = black, white; row 1 = padding.
        Assert.Equal([0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f], square);
    }

    [Fact]
    public void Centred_padding_puts_the_rounded_larger_half_after()
    {
        // 1x4 image of white: difference 3 -> 1 column before, 2 after; the image sits in column 1.
        using var image = new RgbImage(1, 4, Enumerable.Repeat((byte)255, 12).ToArray());

        var square = Square(image, 4, centre: true, NoMean);

        for (var y = 0; y < 4; y++)
        {
            Assert.Equal([0f, 1f, 0f, 0f], square.AsSpan(y * 4, 4).ToArray());
        }
    }

    [Fact]
    public void Upsampling_interpolates_bilinearly_from_top_left_aligned_samples()
    {
        // 2x2 grey ramp 0, 100 / 100, 200 upsampled to 4: source = destination / 2, clamped at the last pixel.
        using var image = new RgbImage(2, 2, [0, 0, 0, 100, 100, 100, 100, 100, 100, 200, 200, 200]);

        var square = Square(image, 4, centre: false, NoMean);

        Assert.Equal([0, 50, 100, 100], square.AsSpan(0, 4).ToArray().Select(v => MathF.Round(v * 255, 3)));
        Assert.Equal([50, 100, 150, 150], square.AsSpan(4, 4).ToArray().Select(v => MathF.Round(v * 255, 3)));
    }

    [Fact]
    public void Mean_is_subtracted_before_dividing_by_255_per_plane_at_the_offset()
    {
        using var image = new RgbImage(1, 1, [255, 128, 0]);
        var output = new float[5];

        SquareResampler.WritePlanar(image, PixelRegion.Whole(image), 1, centre: false, [255, 0, 51], output, 2);

        Assert.Equal([0f, 0f, 0f, 128f / 255, -0.2f], output);
    }

    [Fact]
    public void A_destination_too_short_is_refused()
    {
        using var image = new RgbImage(1, 1, [255, 128, 0]);

        var error = Assert.Throws<ArgumentException>(() => SquareResampler.WritePlanar(image, PixelRegion.Whole(image), 2, false, NoMean, new float[12], 1));

        Assert.StartsWith("Destination has 11 values from offset 1; a 2x2 RGB square needs 12.", error.Message, StringComparison.Ordinal);
    }
}
