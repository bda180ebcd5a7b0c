using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.Imaging;

public class SquareResamplerTests
{
    private static readonly float[] NoMean = [0, 0, 0];

    [Fact]
    public void Detector_style_padding_goes_after_the_image()
    {
        // 2x1 image (black, white) padded to 2x2 with a zero row below; size 2 means no resampling.
        var image = new RgbImage(2, 1, [0, 0, 0, 255, 255, 255]);

        var square = SquareResampler.ToNormalizedSquare(image, PixelRegion.Whole(image), 2, centre: false, NoMean);

        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f], square.Data);
    }

    [Fact]
    public void Centred_padding_puts_the_rounded_larger_half_after()
    {
        // 1x4 image of white: difference 3 -> 1 column before, 2 after; the image sits in column 1.
        var image = new RgbImage(1, 4, Enumerable.Repeat((byte)255, 12).ToArray());

        var square = SquareResampler.ToNormalizedSquare(image, PixelRegion.Whole(image), 4, centre: true, NoMean);

        for (var y = 0; y < 4; y++)
        {
            Assert.Equal([0f, 1f, 0f, 0f], Enumerable.Range(0, 4).Select(x => square[y, x, 0]));
        }
    }

    [Fact]
    public void Upsampling_interpolates_bilinearly_from_top_left_aligned_samples()
    {
        // 2x2 grey ramp 0, 100 / 100, 200 upsampled to 4: source = destination / 2, clamped at the last pixel.
        var image = new RgbImage(2, 2, [0, 0, 0, 100, 100, 100, 100, 100, 100, 200, 200, 200]);

        var square = SquareResampler.ToNormalizedSquare(image, PixelRegion.Whole(image), 4, centre: false, [0, 0, 0]);

        var firstRow = Enumerable.Range(0, 4).Select(x => square[0, x, 0] * 255).ToArray();
        var secondRow = Enumerable.Range(0, 4).Select(x => square[1, x, 0] * 255).ToArray();
        Assert.Equal([0, 50, 100, 100], firstRow.Select(v => MathF.Round(v, 3)));
        Assert.Equal([50, 100, 150, 150], secondRow.Select(v => MathF.Round(v, 3)));
    }

    [Fact]
    public void Mean_is_subtracted_before_dividing_by_255()
    {
        var image = new RgbImage(1, 1, [255, 128, 0]);

        var square = SquareResampler.ToNormalizedSquare(image, PixelRegion.Whole(image), 1, centre: false, [255, 0, 51]);

        Assert.Equal([0f, 128f / 255, -0.2f], square.Data);
    }
}
