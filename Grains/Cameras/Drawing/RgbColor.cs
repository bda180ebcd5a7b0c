namespace StreamOrleans.Grains.Cameras.Drawing;

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public static RgbColor Black => new(0, 0, 0);

    public static RgbColor White => new(255, 255, 255);

    /// <summary>Box and label colour of named faces.</summary>
    public static RgbColor Known => new(0, 200, 0);

    /// <summary>Box and label colour of unknown faces.</summary>
    public static RgbColor Unknown => new(230, 40, 40);
}
