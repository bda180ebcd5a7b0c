namespace StreamOrleans.Grains.Cameras.FaceDetection;

/// <summary>An axis-aligned box in image pixels (may extend past the image borders, as the detector reports it).</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double Area => Width * Height;

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public double IntersectionOverUnion(FaceBox other)
    {
        var width = Math.Max(0, Math.Min(Right, other.Right) - Math.Max(X, other.X));
        var height = Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y));
        var intersection = width * height;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
