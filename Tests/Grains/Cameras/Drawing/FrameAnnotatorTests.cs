using SkiaSharp;
using StreamOrleans.Grains.Cameras.Drawing;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Tests.Grains.Cameras.Drawing;

public sealed class FrameAnnotatorTests
{
    private static RgbImage Black(int width, int height) => new(width, height, new byte[width * height * 3]);

    private static bool Is((byte R, byte G, byte B) pixel, SKColor color) => pixel == (color.Red, color.Green, color.Blue);

    [Fact]
    public void Known_face_gets_a_green_box_inside_its_rectangle_and_a_label_band_above_it()
    {
        using var image = Black(200, 120);
        var face = new CameraDetection(new FaceRectangle(40, 60, 80, 40), 0.9, "al", 0.5, 0.5);

        FrameAnnotator.Annotate(image, [face]);

        Assert.Equal("al 0.50", FrameAnnotator.Label(face));
        Assert.Equal((2f, 12f), (FrameAnnotator.StrokeWidth(image), FrameAnnotator.TextSize(image)));

        // The 2 px stroke covers x 40..41 and 118..119, y 60..61 and 98..99: fully inside, so exactly green.
        Assert.True(Is(image[40, 80], FrameAnnotator.Known) && Is(image[41, 80], FrameAnnotator.Known));
        Assert.True(Is(image[119, 80], FrameAnnotator.Known) && Is(image[80, 99], FrameAnnotator.Known));
        Assert.True(Is(image[42, 80], SKColors.Black) && Is(image[39, 80], SKColors.Black) && Is(image[120, 80], SKColors.Black));
        Assert.True(Is(image[80, 80], SKColors.Black));

        // The label band ends at the box's top edge and starts at its left edge, filled green where no glyph is; it is
        // as high as the font's ascent + descent plus a quarter of the text size above and below.
        using var font = new SKFont(LabelTypeface.Shared, 12);
        var height = (int)MathF.Ceiling(font.Metrics.Descent - font.Metrics.Ascent + 6);
        Assert.True(Is(image[40, 59], FrameAnnotator.Known));
        Assert.True(Is(image[39, 59], SKColors.Black));
        Assert.True(Is(image[40, 60 - height], FrameAnnotator.Known));
        Assert.True(Is(image[40, 59 - height], SKColors.Black));
    }

    [Fact]
    public void Label_text_is_drawn_anti_aliased_in_white()
    {
        using var image = Black(200, 120);

        FrameAnnotator.Annotate(image, [new CameraDetection(new FaceRectangle(40, 60, 80, 40), 0.9, "Alice", 0.93, 0.3)]);

        // Inside the label band (x 40.., y 42..59): pure white glyph cores, and blended edge pixels between white and green.
        var band = Enumerable.Range(40, 60).SelectMany(x => Enumerable.Range(42, 18).Select(y => image[x, y])).ToList();
        Assert.Contains(band, p => p == (255, 255, 255));
        Assert.Contains(band, p => p.G > 200 && p.R is > 20 and < 235);
    }

    [Fact]
    public void Unknown_face_at_the_top_edge_gets_a_red_label_inside_the_box()
    {
        using var image = Black(200, 120);

        FrameAnnotator.Annotate(image, [new CameraDetection(new FaceRectangle(10, 0, 120, 80), 0.9, CameraDetection.Unknown, 0.2, 0.8)]);

        // The band starts at y = 0 inside the box: the pixel right under the top stroke is red, not black.
        Assert.True(Is(image[12, 4], FrameAnnotator.Unknown));
        Assert.True(Is(image[10, 40], FrameAnnotator.Unknown));
        Assert.True(Is(image[60, 60], SKColors.Black));
    }

    [Fact]
    public void A_frame_without_faces_is_left_untouched()
    {
        using var image = Black(20, 10);

        FrameAnnotator.Annotate(image, []);

        Assert.All(image.ToRgb(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_font_file_that_is_not_a_font_is_refused_naming_the_setting()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => LabelTypeface.Load(path));

            Assert.Equal($"Cameras:LabelFontFile '{path}' is not a font file Skia can read (TrueType/OpenType).", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
