using StreamOrleans.Grains.Cameras.Drawing;

namespace StreamOrleans.Tests.Grains.Cameras.Drawing;

public sealed class BitmapFontTests
{
    private static readonly RgbColor White = RgbColor.White;

    [Fact]
    public void Letter_A_is_drawn_pixel_for_pixel()
    {
        var image = RasterizerTests.Blank(7, 9);

        BitmapFont.DrawText(image, 1, 1, "A", White);

        Assert.Equal(
            ".......\n" +
            "..###..\n" +
            ".#...#.\n" +
            ".#...#.\n" +
            ".#####.\n" +
            ".#...#.\n" +
            ".#...#.\n" +
            ".#...#.\n" +
            ".......",
            RasterizerTests.Mask(image, White));
    }

    [Fact]
    public void Scale_two_doubles_every_font_pixel_and_characters_advance_one_cell()
    {
        var image = RasterizerTests.Blank(24, 14);

        BitmapFont.DrawText(image, 0, 0, "1.", White, scale: 2);

        var mask = RasterizerTests.Mask(image, White).Split('\n');
        // '1' row 0 is "..#.." -> columns 4-5 at scale 2; '.' starts at x = 12 and its rows 5-6 are ".##.." (x 14..17).
        Assert.Equal("....##..................", mask[0]);
        Assert.Equal("....##..................", mask[1]);
        Assert.Equal("..######......####......", mask[12]);
        Assert.Equal("..######......####......", mask[13]);
        Assert.Equal("..####......", mask[10][12..]);
        Assert.Equal(22, BitmapFont.MeasureWidth("1.", 2));
    }

    [Fact]
    public void Every_printable_character_has_a_glyph_and_space_is_blank()
    {
        for (var c = '!'; c <= '~'; c++)
        {
            var lit = 0;
            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (var column = 0; column < BitmapFont.GlyphWidth; column++)
                {
                    lit += BitmapFont.IsSet(c, column, row) ? 1 : 0;
                }
            }

            Assert.True(lit > 0, $"'{c}' has no pixels");
        }

        Assert.DoesNotContain(Enumerable.Range(0, 35), i => BitmapFont.IsSet(' ', i % 5, i / 5));
        Assert.Equal(BitmapFont.IsSet('?', 0, 1), BitmapFont.IsSet('\u00e9', 0, 1));
    }
}
