using System.Numerics.Tensors;

namespace StreamOrleans.Grains.Cameras.Inference;

/// <summary>
/// Max and average pooling over NHWC (tf.maxPool / tf.avgPool semantics). Padded positions never win a max and are
/// not counted in an average, as in TensorFlow. Vectorised across channels.
/// </summary>
public static class Pooling
{
    public static FeatureMap Max(FeatureMap input, int size, int stride, Padding padding) =>
        Pool(input, size, stride, padding, average: false);

    public static FeatureMap Average(FeatureMap input, int size, int stride, Padding padding) =>
        Pool(input, size, stride, padding, average: true);

    /// <summary>Mean over height and width: [H, W, C] to a vector of C.</summary>
    public static float[] GlobalAverage(FeatureMap input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = new float[input.Channels];
        for (var p = 0; p < input.Height * input.Width; p++)
        {
            TensorPrimitives.Add(result, input.Data.AsSpan(p * input.Channels, input.Channels), result);
        }

        TensorPrimitives.Divide(result, input.Height * input.Width, result);
        return result;
    }

    private static FeatureMap Pool(FeatureMap input, int size, int stride, Padding padding, bool average)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        var rows = PaddingGeometry.For(input.Height, size, stride, padding);
        var cols = PaddingGeometry.For(input.Width, size, stride, padding);
        var channels = input.Channels;
        var output = FeatureMap.Uninitialized(rows.Output, cols.Output, channels);
        for (var y = 0; y < rows.Output; y++)
        {
            var top = Math.Max((y * stride) - rows.Before, 0);
            var bottom = Math.Min((y * stride) - rows.Before + size, input.Height);
            for (var x = 0; x < cols.Output; x++)
            {
                var left = Math.Max((x * stride) - cols.Before, 0);
                var right = Math.Min((x * stride) - cols.Before + size, input.Width);
                var acc = output.Data.AsSpan(((y * cols.Output) + x) * channels, channels);
                input.Data.AsSpan(((top * input.Width) + left) * channels, channels).CopyTo(acc);
                for (var iy = top; iy < bottom; iy++)
                {
                    for (var ix = left; ix < right; ix++)
                    {
                        if (iy == top && ix == left)
                        {
                            continue;
                        }

                        var source = input.Data.AsSpan(((iy * input.Width) + ix) * channels, channels);
                        if (average)
                        {
                            TensorPrimitives.Add(acc, source, acc);
                        }
                        else
                        {
                            TensorPrimitives.Max(acc, source, acc);
                        }
                    }
                }

                if (average)
                {
                    TensorPrimitives.Divide(acc, (bottom - top) * (right - left), acc);
                }
            }
        }

        return output;
    }
}
