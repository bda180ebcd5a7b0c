using System.Globalization;
using SkiaSharp;
using StreamOrleans.Grains.Cameras.Imaging;
using StreamOrleans.Grains.Interfaces.Cameras;

namespace StreamOrleans.Grains.Cameras.Drawing;

/// <summary>
/// Draws each face's box and a label "name confidence" with SkiaSharp, anti-aliased, straight on the frame's bitmap:
/// the box as a stroke inside the face rectangle, the label as white text on a filled band above the box (inside it
/// when the box touches the top edge). Stroke width and text size grow with the frame so labels stay legible.
/// </summary>
public static class FrameAnnotator
{
    /// <summary>Box and label colour of named faces.</summary>
    public static readonly SKColor Known = new(0, 200, 0);

    /// <summary>Box and label colour of unknown faces.</summary>
    public static readonly SKColor Unknown = new(230, 40, 40);

    /// <summary>Label text colour.</summary>
    public static readonly SKColor Text = SKColors.White;

    /// <summary>Box stroke width for a frame: 1 pixel per 320 pixels of the longer side, at least 2.</summary>
    public static float StrokeWidth(RgbImage image) => Math.Max(2, Longer(image) / 320f);

    /// <summary>Label text size for a frame: 1 pixel per 40 pixels of the longer side, at least 12.</summary>
    public static float TextSize(RgbImage image) => Math.Max(12, Longer(image) / 40f);

    /// <summary>The label text of a detection.</summary>
    public static string Label(CameraDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        return $"{face.Name} {face.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Draws every face on <paramref name="image"/> in place, labels in <paramref name="typeface"/> (default <see cref="LabelTypeface.Shared"/>).</summary>
    public static void Annotate(RgbImage image, IReadOnlyList<CameraDetection> faces, SKTypeface? typeface = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            return;
        }

        using var canvas = new SKCanvas(image.Bitmap);
        var stroke = StrokeWidth(image);
        using var font = new SKFont(typeface ?? LabelTypeface.Shared, TextSize(image)) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var boxPaint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = stroke };
        using var fillPaint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var textPaint = new SKPaint { IsAntialias = true, Color = Text };
        var metrics = font.Metrics;
        var padding = MathF.Ceiling(font.Size / 4);
        var labelHeight = MathF.Ceiling(metrics.Descent - metrics.Ascent + (2 * padding));
        foreach (var face in faces)
        {
            var color = face.Name == CameraDetection.Unknown ? Unknown : Known;
            var box = SKRect.Create((float)face.Box.X, (float)face.Box.Y, (float)face.Box.Width, (float)face.Box.Height);

            // The stroke is centred on its path: inset by half of it so the box stays inside the face rectangle.
            boxPaint.Color = color;
            canvas.DrawRect(SKRect.Inflate(box, -stroke / 2, -stroke / 2), boxPaint);

            var text = Label(face);
            var labelWidth = MathF.Ceiling(font.MeasureText(text, textPaint) + (2 * padding));
            var labelTop = box.Top - labelHeight >= 0 ? box.Top - labelHeight : box.Top;
            fillPaint.Color = color;
            canvas.DrawRect(SKRect.Create(box.Left, labelTop, labelWidth, labelHeight), fillPaint);
            canvas.DrawText(text, box.Left + padding, labelTop + padding - metrics.Ascent, SKTextAlign.Left, font, textPaint);
        }

        canvas.Flush();
    }

    private static int Longer(RgbImage image) => Math.Max(image?.Width ?? 0, image?.Height ?? 0);
}
