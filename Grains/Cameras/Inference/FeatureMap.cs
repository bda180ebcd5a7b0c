namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// One NHWC float32 tensor with batch size 1: <c>Data[(y * Width + x) * Channels + c]</c>.
/// The unit every engine op reads and writes.
/// </summary>
public sealed class FeatureMap
{
    public FeatureMap(int height, int width, int channels)
        : this(height, width, channels, new float[checked(height * width * channels)])
    {
    }

    /// <summary>Wraps <paramref name="data"/> (not copied); its length must be height * width * channels.</summary>
    public FeatureMap(int height, int width, int channels, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != height * width * channels)
        {
            throw new ArgumentException(
                $"Expected {height * width * channels} values for {height}x{width}x{channels}, got {data.Length}.", nameof(data));
        }

        Height = height;
        Width = width;
        Channels = channels;
        Data = data;
    }

    /// <summary>
    /// A map whose memory is not zeroed, for ops that overwrite every value (saves clearing megabytes per layer).
    /// </summary>
    public static FeatureMap Uninitialized(int height, int width, int channels) =>
        new(height, width, channels, GC.AllocateUninitializedArray<float>(checked(height * width * channels)));

    public int Height { get; }

    public int Width { get; }

    public int Channels { get; }

    public float[] Data { get; }

    public float this[int y, int x, int c] => Data[(((y * Width) + x) * Channels) + c];

    public override string ToString() => $"FeatureMap {Height}x{Width}x{Channels}";
}
