using StreamOrleans.Grains.Cameras.Drawing;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Tests.Grains.Cameras.Drawing;

public sealed class FrameAnnotatorTests
{
    [Fact]
    public void Known_face_gets_a_green_box_and_a_label_with_white_text_above_it()
    {
        var image = RasterizerTests.Blank(100, 60);
        var face = new CameraDetection(new FaceRectangle(20, 30, 40, 20), 0.9, "al", 0.5, 0.5);

        FrameAnnotator.Annotate(image, [face]);

        Assert.Equal("al 0.50", FrameAnnotator.Label(face));
        var green = RasterizerTests.Mask(image, RgbColor.Known).Split('\n');
        var white = RasterizerTests.Mask(image, RgbColor.White).Split('\n');
        // Box: x 20..59, y 30..49, 2 pixels thick (image < 320 px).
        Assert.Equal(new string('#', 40), green[30][20..60]);
        Assert.Equal(new string('#', 40), green[49][20..60]);
        Assert.Equal("##" + new string('.', 36) + "##", green[40][20..60]);
        // Label: 11 px high (7 + 2 * 2 padding) above the box, 7 characters * 6 - 1 + 4 = 45 px wide.
        Assert.Equal('#', green[19][20]);
        Assert.Equal('.', green[18][20]);
        Assert.Equal('#', green[19][64]);
        Assert.Equal('.', green[19][65]);
        // Text starts 2 px in: 'a' row 2 is ".###." at y = 19 + 2 + 2.
        Assert.Equal(".###.", white[23][22..27]);
        Assert.Equal('.', white[29][22]);
    }

    [Fact]
    public void Unknown_face_at_the_top_edge_gets_a_red_label_inside_the_box()
    {
        var image = RasterizerTests.Blank(100, 60);

        FrameAnnotator.Annotate(image, [new CameraDetection(new FaceRectangle(10, 0, 50, 40), 0.9, CameraDetection.Unknown, 0.2, 0.8)]);

        var red = RasterizerTests.Mask(image, RgbColor.Unknown).Split('\n');
        // Label "Unknown 0.20": 12 * 6 - 1 + 4 = 75 px wide from x = 10, rows 0..10, inside the box.
        Assert.Equal('#', red[0][84]);
        Assert.Equal('.', red[0][85]);
        Assert.Equal('#', red[10][12]);
        Assert.Equal('.', red[11][12]);
        Assert.Equal('#', red[20][10]);
        Assert.Equal('.', red[20][30]);
    }
}
