using SkiaSharp;

namespace StreamOrleans.Grains.Cameras.Drawing;

/// <summary>
/// The typeface of the labels on annotated frames. SkiaSharp's NoDependencies native build has no fontconfig, so its
/// default typeface can be empty: we load a font file, Cameras:LabelFontFile or the first of the usual Debian fonts
/// (fonts-dejavu-core, which scripts/setup/50-faces.sh installs; Liberation Sans).
/// </summary>
public static class LabelTypeface
{
    /// <summary>Fonts tried in order when none is configured.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];

    private static readonly Lazy<SKTypeface> Default = new(() => Load(null));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SKTypeface> Configured = new(StringComparer.Ordinal);

    /// <summary>The typeface of the first candidate font found (loaded once per process).</summary>
    public static SKTypeface Shared => Default.Value;

    /// <summary>The typeface of <paramref name="fontFile"/> (loaded once per process and file), or <see cref="Shared"/> when null.</summary>
    public static SKTypeface Get(string? fontFile) =>
        string.IsNullOrEmpty(fontFile) ? Shared : Configured.GetOrAdd(fontFile, static f => Load(f));

    /// <summary>The typeface in <paramref name="fontFile"/>, or when null the first candidate found.</summary>
    /// <exception cref="InvalidOperationException">The configured file is not a font, or no candidate exists.</exception>
    public static SKTypeface Load(string? fontFile)
    {
        if (fontFile is not null)
        {
            return SKTypeface.FromFile(fontFile) ?? throw new InvalidOperationException(
                $"Cameras:LabelFontFile '{fontFile}' is not a font file Skia can read (TrueType/OpenType).");
        }

        foreach (var candidate in Candidates)
        {
            if (File.Exists(candidate) && SKTypeface.FromFile(candidate) is { } typeface)
            {
                return typeface;
            }
        }

        throw new InvalidOperationException(
            $"No label font found (tried {string.Join(", ", Candidates)}): install the Debian package fonts-dejavu-core (scripts/setup.sh does) or set Cameras:LabelFontFile.");
    }
}
