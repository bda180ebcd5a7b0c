using StreamOrleans.Grains.Cameras.Drawing;
using StreamOrleans.Grains.Cameras.Imaging;

namespace StreamOrleans.Tests.Grains.Cameras.Drawing;

public sealed class RasterizerTests
{
    private static readonly RgbColor Red = new(255, 0, 0);

    internal static RgbImage Blank(int width, int height) => new(width, height, new byte[width * height * 3]);

    internal static string Mask(RgbImage image, RgbColor color)
    {
        var rows = new List<string>();
        for (var y = 0; y < image.Height; y++)
        {
            var row = new char[image.Width];
            for (var x = 0; x < image.Width; x++)
            {
                var i = ((y * image.Width) + x) * 3;
                row[x] = image.Pixels[i] == color.R && image.Pixels[i + 1] == color.G && image.Pixels[i + 2] == color.B ? '#' : '.';
            }

            rows.Add(new string(row));
        }

        return string.Join('\n', rows);
    }

    [Fact]
    public void Fill_sets_exactly_the_pixels_of_the_rectangle()
    {
        var image = Blank(6, 4);

        Rasterizer.FillRectangle(image, 1, 1, 3, 2, Red);

        Assert.Equal("......\n.###..\n.###..\n......", Mask(image, Red));
        Assert.Equal(new byte[] { 255, 0, 0 }, image.Pixels.AsSpan(21, 3).ToArray());
        Assert.Equal(new byte[] { 0, 0, 0 }, image.Pixels.AsSpan(18, 3).ToArray());
    }

    [Fact]
    public void Outline_of_thickness_two_stays_inside_the_box()
    {
        var image = Blank(8, 7);

        Rasterizer.DrawRectangle(image, 1, 1, 6, 5, 2, Red);

        Assert.Equal(
            "........\n" +
            ".######.\n" +
            ".######.\n" +
            ".##..##.\n" +
            ".######.\n" +
            ".######.\n" +
            "........",
            Mask(image, Red));
    }

    [Fact]
    public void Shapes_partly_outside_the_image_are_clipped()
    {
        var image = Blank(4, 3);

        Rasterizer.DrawRectangle(image, -1, -1, 4, 3, 1, Red);
        Rasterizer.FillRectangle(image, 3, 2, 10, 10, Red);
        Rasterizer.FillRectangle(image, 10, 10, 2, 2, Red);

        Assert.Equal("..#.\n###.\n...#", Mask(image, Red));
    }
}
