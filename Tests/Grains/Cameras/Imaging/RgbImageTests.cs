using SkiaSharp;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.Imaging;

public class RgbImageTests
{
    [Fact]
    public void Rgb_bytes_are_held_as_opaque_rgba_in_a_skia_bitmap()
    {
        using var image = new RgbImage(2, 1, [1, 2, 3, 4, 5, 6]);

        Assert.Equal((SKColorType.Rgba8888, SKAlphaType.Opaque), (image.Bitmap.ColorType, image.Bitmap.AlphaType));
        Assert.Equal([1, 2, 3, 255, 4, 5, 6, 255], image.Pixels[..8].ToArray());
        Assert.Equal((4, 5, 6), image[1, 0]);
        Assert.Equal([1, 2, 3, 4, 5, 6], image.ToRgb());
    }

    [Fact]
    public void Image_crop_copies_the_rows_of_the_rectangle()
    {
        using var image = new RgbImage(3, 2, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);

        using var crop = image.Crop(1, 1, 2, 1);

        Assert.Equal([12, 13, 14, 15, 16, 17], crop.ToRgb());
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(2, 0, 2, 1));
    }

    [Fact]
    public void Pixel_buffer_must_match_the_size()
    {
        var error = Assert.Throws<ArgumentException>(() => new RgbImage(2, 2, new byte[11]));
        Assert.Contains("12 bytes", error.Message, StringComparison.Ordinal);
    }
}
