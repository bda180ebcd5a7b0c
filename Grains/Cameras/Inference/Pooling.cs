using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

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
        var output = FeatureMap.Uninitialized(rows.Output, cols.Output, input.Channels);
        var shape = new PoolShape(input.Height, input.Width, input.Channels, size, stride, rows.Before, cols.Before, cols.Output, average);
        RowParallel.For(rows.Output, (long)output.Data.Length * size * size, (input.Data, output.Data, shape), static (j, y) => PoolRow(j.Item1, j.Item2, j.shape, y));

        return output;
    }

    /// <summary>One output row; each window is clipped to the image, 8 channels at a time, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PoolRow(float[] input, float[] output, PoolShape s, int y)
    {
        var channels = s.Channels;
        var vectorChannels = Vector256.IsHardwareAccelerated ? channels - (channels % 8) : 0;
        var top = Math.Max((y * s.Stride) - s.PadTop, 0);
        var bottom = Math.Min((y * s.Stride) - s.PadTop + s.Size, s.InHeight);
        fixed (float* inBase = input)
        fixed (float* outBase = output)
        {
            for (var x = 0; x < s.OutWidth; x++)
            {
                var left = Math.Max((x * s.Stride) - s.PadLeft, 0);
                var right = Math.Min((x * s.Stride) - s.PadLeft + s.Size, s.InWidth);
                var o = outBase + ((((long)y * s.OutWidth) + x) * channels);
                var first = inBase + ((((long)top * s.InWidth) + left) * channels);
                var count = (bottom - top) * (right - left);
                for (var c = 0; c < vectorChannels; c += 8)
                {
                    var acc = Vector256.Load(first + c);
                    for (var iy = top; iy < bottom; iy++)
                    {
                        var p = inBase + ((((long)iy * s.InWidth) + left) * channels) + c;
                        for (var ix = left; ix < right; ix++, p += channels)
                        {
                            if (p != first + c)
                            {
                                acc = s.Average ? acc + Vector256.Load(p) : Vector256.Max(acc, Vector256.Load(p));
                            }
                        }
                    }

                    (s.Average ? acc / count : acc).Store(o + c);
                }

                for (var c = vectorChannels; c < channels; c++)
                {
                    var acc = first[c];
                    for (var iy = top; iy < bottom; iy++)
                    {
                        for (var ix = left; ix < right; ix++)
                        {
                            var p = inBase + ((((long)iy * s.InWidth) + ix) * channels) + c;
                            if (p != first + c)
                            {
                                acc = s.Average ? acc + *p : MathF.Max(acc, *p);
                            }
                        }
                    }

                    o[c] = s.Average ? acc / count : acc;
                }
            }
        }
    }

    private readonly record struct PoolShape(
        int InHeight, int InWidth, int Channels, int Size, int Stride, int PadTop, int PadLeft, int OutWidth, bool Average);
}
