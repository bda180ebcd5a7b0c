using System.Globalization;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras.Drawing;

/// <summary>
/// Draws each face's box and a label "name confidence" on a filled background above the box (inside it when the box
/// touches the top edge). Line thickness and font scale grow with the image so labels stay readable on large frames.
/// </summary>
public static class FrameAnnotator
{
    /// <summary>Label padding around the text, in unscaled font pixels.</summary>
    public const int Padding = 2;

    /// <summary>Box line thickness for an image (1 pixel per 320 pixels of the longer side, at least 2).</summary>
    public static int Thickness(RgbImage image) => Math.Max(2, Math.Max(image?.Width ?? 0, image?.Height ?? 0) / 320);

    /// <summary>Font scale for an image (1 per 480 pixels of the longer side, at least 1).</summary>
    public static int FontScale(RgbImage image) => Math.Max(1, Math.Max(image?.Width ?? 0, image?.Height ?? 0) / 480);

    /// <summary>The label text of a detection.</summary>
    public static string Label(CameraDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        return $"{face.Name} {face.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Draws every face on <paramref name="image"/> in place.</summary>
    public static void Annotate(RgbImage image, IReadOnlyList<CameraDetection> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        var thickness = Thickness(image);
        var scale = FontScale(image);
        foreach (var face in faces)
        {
            var color = face.Name == CameraDetection.Unknown ? RgbColor.Unknown : RgbColor.Known;
            var x = (int)Math.Round(face.Box.X);
            var y = (int)Math.Round(face.Box.Y);
            var width = (int)Math.Round(face.Box.Width);
            var height = (int)Math.Round(face.Box.Height);
            Rasterizer.DrawRectangle(image, x, y, width, height, thickness, color);

            var text = Label(face);
            var labelWidth = BitmapFont.MeasureWidth(text, scale) + (2 * Padding * scale);
            var labelHeight = (BitmapFont.GlyphHeight + (2 * Padding)) * scale;
            var labelTop = y - labelHeight >= 0 ? y - labelHeight : y;
            Rasterizer.FillRectangle(image, x, labelTop, labelWidth, labelHeight, color);
            BitmapFont.DrawText(image, x + (Padding * scale), labelTop + (Padding * scale), text, RgbColor.White, scale);
        }
    }
}
