using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>Per-channel and element-wise arithmetic on feature maps (bias add, folded batch norm, residual add).</summary>
public static class ChannelOps
{
    /// <summary>x[..., c] += bias[c], in place.</summary>
    public static FeatureMap AddBias(FeatureMap map, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(map);
        CheckChannels(map, bias, nameof(bias));
        for (var p = 0; p < map.Height * map.Width; p++)
        {
            var pixel = map.Data.AsSpan(p * map.Channels, map.Channels);
            TensorPrimitives.Add(pixel, bias, pixel);
        }

        return map;
    }

    /// <summary>x[..., c] = x[..., c] * scale[c] + offset[c], in place: a batch norm folded to scale and offset.</summary>
    public static FeatureMap ScaleOffset(FeatureMap map, float[] scale, float[] offset)
    {
        ArgumentNullException.ThrowIfNull(map);
        CheckChannels(map, scale, nameof(scale));
        CheckChannels(map, offset, nameof(offset));
        for (var p = 0; p < map.Height * map.Width; p++)
        {
            var pixel = map.Data.AsSpan(p * map.Channels, map.Channels);
            TensorPrimitives.MultiplyAdd(pixel, scale, offset, pixel);
        }

        return map;
    }

    /// <summary>a += b (same shape), in place on <paramref name="a"/>: the residual connection.</summary>
    public static FeatureMap Add(FeatureMap a, FeatureMap b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Height != b.Height || a.Width != b.Width || a.Channels != b.Channels)
        {
            throw new ArgumentException($"Cannot add {b} to {a}: shapes differ.", nameof(b));
        }

        TensorPrimitives.Add(a.Data, b.Data, a.Data);
        return a;
    }

    /// <summary>
    /// Zero-extends the map to <paramref name="height"/> x <paramref name="width"/> x <paramref name="channels"/>:
    /// new rows at the bottom, columns at the right, channels at the end (tf.concat with zeros).
    /// </summary>
    public static FeatureMap ZeroExtend(FeatureMap map, int height, int width, int channels)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (height < map.Height || width < map.Width || channels < map.Channels)
        {
            throw new ArgumentException($"Cannot shrink {map} to {height}x{width}x{channels}.", nameof(height));
        }

        if (height == map.Height && width == map.Width && channels == map.Channels)
        {
            return map;
        }

        var output = new FeatureMap(height, width, channels);
        for (var y = 0; y < map.Height; y++)
        {
            for (var x = 0; x < map.Width; x++)
            {
                map.Data.AsSpan(((y * map.Width) + x) * map.Channels, map.Channels)
                    .CopyTo(output.Data.AsSpan(((y * width) + x) * channels));
            }
        }

        return output;
    }

    private static void CheckChannels(FeatureMap map, float[] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != map.Channels)
        {
            throw new ArgumentException($"Expected {map.Channels} per-channel values for {map}, got {values.Length}.", name);
        }
    }
}
